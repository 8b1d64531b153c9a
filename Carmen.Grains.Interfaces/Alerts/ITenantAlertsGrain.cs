using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>A tenant's alerts as a whole (keyed by tenant id): listings from the query index, bulk operations, erasure with the tenant.</summary>
[Alias("Carmen.ITenantAlertsGrain")]
public interface ITenantAlertsGrain : ITenantRecordGrain
{
    /// <summary>One page of the tenant's alerts, newest first.</summary>
    [Alias("Search")]
    Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges each of the alerts named (at most <see cref="MaxBulk"/>).</summary>
    [Alias("AcknowledgeMany")]
    Task<BulkAcknowledgement> AcknowledgeManyAsync(IReadOnlyList<string> alertIds, string user, CancellationToken cancellationToken = default);

    /// <summary>
    /// A tenant-level event (<c>rolloutPaused</c>): raises an alert for each enabled tenant-scoped rule watching it,
    /// with the event's details; returns the ids of the alerts raised.
    /// </summary>
    [Alias("RaiseEvent")]
    Task<IReadOnlyList<string>> RaiseEventAsync(string eventName, IReadOnlyDictionary<string, TimestampedValue> details, CancellationToken cancellationToken = default);

    /// <summary>The tenant's alerts raised from <paramref name="since"/> until before <paramref name="until"/>, summed up.</summary>
    [Alias("Report")]
    Task<AlertReport> ReportAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The most alerts one bulk operation takes.</summary>
    const int MaxBulk = 1000;
}
