using Carmen.Grains.Interfaces.Tenants;
using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// A tenant's monthly meters (key: the tenant id): the telemetry points its devices sent each calendar month (UTC),
/// counted by the silos in batches, against what its licenses allow.
/// </summary>
[Alias("Carmen.ITenantMeterGrain")]
public interface ITenantMeterGrain : ITenantRecordGrain
{
    /// <summary>
    /// Adds a silo's count of telemetry points taken since its last report (0 only asks) and says whether more may be
    /// taken this month.
    /// </summary>
    [Alias("AddTelemetryPoints")]
    Task<MeterVerdict> AddTelemetryPointsAsync(long points, CancellationToken cancellationToken = default);

    /// <summary>The months kept (the current and up to twelve before it), newest first, each against what the licenses allow now.</summary>
    [AlwaysInterleave]
    [Alias("GetMonths")]
    Task<IReadOnlyList<MeterMonth>> GetMonthsAsync(CancellationToken cancellationToken = default);
}
