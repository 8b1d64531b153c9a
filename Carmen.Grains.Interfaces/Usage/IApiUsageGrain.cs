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
}
