namespace Carmen.Grains.Interfaces.Usage;

/// <summary>Writes the nodes' usage counts to the store's per-minute and per-day rollups, and reads them back.</summary>
[Alias("Carmen.IApiUsageGrain")]
public interface IApiUsageGrain : IGrainWithIntegerKey
{
    /// <summary>Adds counts (to what the rollups hold already, so several nodes' counts of one minute add up).</summary>
    [Alias("Record")]
    Task RecordAsync(IReadOnlyList<ApiUsageSample> samples, CancellationToken cancellationToken = default);

    /// <summary>The rollups of <paramref name="tenantId"/> matching <paramref name="query"/>, oldest first.</summary>
    [Alias("Query")]
    Task<IReadOnlyList<ApiUsageSample>> QueryAsync(string tenantId, ApiUsageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Adds counts of calls to clusters' resources (to what their hours hold already).</summary>
    [Alias("RecordClusterAccess")]
    Task RecordClusterAccessAsync(IReadOnlyList<ClusterAccessSample> samples, CancellationToken cancellationToken = default);

    /// <summary>Who called resources of <paramref name="clusterId"/> in [<paramref name="since"/>, <paramref name="until"/>), by hour, oldest first.</summary>
    [Alias("QueryClusterAccess")]
    Task<IReadOnlyList<ClusterAccessSample>> QueryClusterAccessAsync(
        string tenantId, string clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);
}
