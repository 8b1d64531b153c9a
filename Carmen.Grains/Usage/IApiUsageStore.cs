using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Grains.Usage;

/// <summary>
/// Usage rollups: table api_usage with a row per minute (kept a week) and per day (kept 400 days), and table
/// api_cluster_access with a row per cluster, hour and caller (kept 400 days).
/// </summary>
public interface IApiUsageStore
{
    /// <summary>Adds the samples to their minute's and their day's rows in one transaction.</summary>
    Task AddAsync(IReadOnlyList<ApiUsageSample> samples, CancellationToken cancellationToken);

    /// <summary>Rows of a tenant in [from, to) of one granularity; each sample's Minute is the start of its bucket.</summary>
    Task<IReadOnlyList<ApiUsageSample>> ReadAsync(string tenantId, ApiUsageQuery query, CancellationToken cancellationToken);

    /// <summary>Adds the samples to their hours' rows in one transaction.</summary>
    Task AddClusterAccessAsync(IReadOnlyList<ClusterAccessSample> samples, CancellationToken cancellationToken);

    /// <summary>A cluster's rows of a tenant in [since, until), oldest first.</summary>
    Task<IReadOnlyList<ClusterAccessSample>> ReadClusterAccessAsync(string tenantId, string clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Removes minute rows older than <paramref name="minutesBefore"/>, and day and hour rows older than <paramref name="daysBefore"/>.</summary>
    Task ExpireAsync(DateTimeOffset minutesBefore, DateTimeOffset daysBefore, CancellationToken cancellationToken);
}
