using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>
/// An SLA policy: targets per priority (keys low, normal, high, urgent), measured on a calendar; <see cref="TenantIds"/>
/// the tenants it covers, or null for the default policy.
/// </summary>
public sealed record SlaPolicyContract(string? Id, string? Name, string? CalendarId, Dictionary<string, SlaTargetsContract>? Targets, IReadOnlyList<string>? TenantIds)
{
    public static SlaPolicyContract From(SlaPolicy policy) => new(
        policy.Id, policy.Name, policy.CalendarId,
        policy.Targets.ToDictionary(
            pair => pair.Key.ToString().ToLowerInvariant(),
            pair => new SlaTargetsContract(Minutes(pair.Value.FirstResponse), Minutes(pair.Value.NextResponse), Minutes(pair.Value.Resolution)),
            StringComparer.Ordinal),
        policy.TenantIds);

    private static int? Minutes(TimeSpan? target) => target is TimeSpan set ? (int)set.TotalMinutes : null;
}
