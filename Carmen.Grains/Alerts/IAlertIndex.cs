using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Grains.Alerts;

/// <summary>
/// The alert query index: a SQL table per deployment (the embedded store, or PostgreSQL) that alert grains keep
/// current, so listings and reports over a tenant's alerts never wake the grains.
/// </summary>
public interface IAlertIndex
{
    /// <summary>Inserts or replaces the alert's row; completes once it is durable.</summary>
    Task UpsertAsync(string tenantId, AlertSummary alert, CancellationToken cancellationToken = default);

    /// <summary>Removes the alert's row.</summary>
    Task RemoveAsync(AlertKey alert, CancellationToken cancellationToken = default);

    /// <summary>One page of a tenant's alerts, newest first.</summary>
    Task<AlertPage> QueryAsync(string tenantId, AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>A tenant's alerts raised in [since, until) summed up, in one round trip.</summary>
    Task<AlertReport> ReportAsync(string tenantId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> of the tenant's alert ids, for erasing the tenant a slice at a time.</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(string tenantId, int limit, CancellationToken cancellationToken = default);
}
