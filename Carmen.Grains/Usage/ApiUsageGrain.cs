using Carmen.Grains.Interfaces.Usage;
using Orleans.Concurrency;

namespace Carmen.Grains.Usage;

/// <summary>
/// The door to the usage rollups: stateless, one per silo, so nodes' flushes spread over silos. Expires old rows at
/// most once an hour per activation.
/// </summary>
[GrainType("api-usage")]
[StatelessWorker(1)]
public sealed class ApiUsageGrain(IApiUsageStore store, TimeProvider time) : Grain, IApiUsageGrain
{
    private static readonly TimeSpan s_minutesKept = TimeSpan.FromDays(7);
    private static readonly TimeSpan s_daysKept = TimeSpan.FromDays(400);

    private DateTimeOffset _expired = DateTimeOffset.MinValue;

    public async Task RecordAsync(IReadOnlyList<ApiUsageSample> samples, CancellationToken cancellationToken)
    {
        await store.AddAsync(samples, cancellationToken);
        await ExpireIfDueAsync(cancellationToken);
    }

    public Task<IReadOnlyList<ApiUsageSample>> QueryAsync(string tenantId, ApiUsageQuery query, CancellationToken cancellationToken) =>
        store.ReadAsync(tenantId, query, cancellationToken);

    public Task RecordClusterAccessAsync(IReadOnlyList<ClusterAccessSample> samples, CancellationToken cancellationToken) =>
        store.AddClusterAccessAsync(samples, cancellationToken);

    public Task<IReadOnlyList<ClusterAccessSample>> QueryClusterAccessAsync(
        string tenantId, string clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        store.ReadClusterAccessAsync(tenantId, clusterId, since, until, cancellationToken);

    private async Task ExpireIfDueAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (now - _expired > TimeSpan.FromHours(1))
        {
            _expired = now;
            await store.ExpireAsync(now - s_minutesKept, now - s_daysKept, cancellationToken);
        }
    }
}
