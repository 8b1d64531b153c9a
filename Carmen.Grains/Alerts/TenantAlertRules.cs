namespace Carmen.Grains.Alerts;

/// <summary>
/// A tenant's enabled rules, compiled, at one version of its rules grain, with the business unit of each cluster so a
/// device can tell which business-unit rules cover it. Immutable: a change is a new instance, which devices notice by reference.
/// </summary>
public sealed class TenantAlertRules(long version, IReadOnlyList<CompiledAlertRule> rules, IReadOnlyDictionary<string, string> businessUnitOfCluster)
{
    public static TenantAlertRules None { get; } = new(-1, [], new Dictionary<string, string>());

    public long Version { get; } = version;

    public IReadOnlyList<CompiledAlertRule> Rules { get; } = rules;

    public IReadOnlyDictionary<string, string> BusinessUnitOfCluster { get; } = businessUnitOfCluster;

    /// <summary>Whether any rule is scoped to a business unit, so the cluster map must be kept fresh as clusters are added.</summary>
    public bool UsesBusinessUnits { get; } = rules.Any(rule => rule.ScopedToBusinessUnit);

    /// <summary>The rules watching a device with this placement, type and labels.</summary>
    public CompiledAlertRule[] Covering(string clusterId, string? deviceType, IReadOnlyCollection<string> labels)
    {
        string? businessUnitId = BusinessUnitOfCluster.GetValueOrDefault(clusterId);
        return [.. Rules.Where(rule => rule.Covers(clusterId, businessUnitId, deviceType, labels))];
    }
}
