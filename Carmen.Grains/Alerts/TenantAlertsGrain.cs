using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Orleans.Concurrency;

namespace Carmen.Grains.Alerts;

/// <summary>
/// A tenant's alerts as a whole, answered on whichever silo takes the call: listings from the index, bulk acknowledge
/// fanned out to the alerts in parallel slices, and erasure a slice at a time.
/// </summary>
[StatelessWorker]
[GrainType("tenant-alerts")]
public sealed class TenantAlertsGrain(IAlertIndex index) : Grain, ITenantAlertsGrain
{
    private const int Parallelism = 64;

    /// <summary>A report reads every alert row of its period: a bound keeps one request's cost known.</summary>
    private static readonly TimeSpan MaxReportPeriod = TimeSpan.FromDays(366);

    private string TenantId => this.GetPrimaryKeyString();

    public Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken) =>
        index.QueryAsync(TenantId, query, cancellationToken);

    public Task<AlertReport> ReportAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (since >= until)
        {
            throw CarmenException.Invalid("from", "from is before to.");
        }

        if (until - since > MaxReportPeriod)
        {
            throw CarmenException.Invalid("from", $"A report covers at most {MaxReportPeriod.TotalDays:0} days.");
        }

        return index.ReportAsync(TenantId, since, until, cancellationToken);
    }

    public async Task<BulkAcknowledgement> AcknowledgeManyAsync(IReadOnlyList<string> alertIds, string user, CancellationToken cancellationToken)
    {
        if (alertIds.Count is 0 or > ITenantAlertsGrain.MaxBulk)
        {
            throw CarmenException.Invalid("ids", $"ids names 1 to {ITenantAlertsGrain.MaxBulk} alerts.");
        }

        List<string> acknowledged = [], notFound = [];
        foreach (string[] slice in alertIds.Distinct(StringComparer.Ordinal).Chunk(Parallelism))
        {
            bool[] outcomes = await Task.WhenAll(slice.Select(id => TryAcknowledgeAsync(id, user, cancellationToken)));
            for (int i = 0; i < slice.Length; i++)
            {
                (outcomes[i] ? acknowledged : notFound).Add(slice[i]);
            }
        }

        return new BulkAcknowledgement(acknowledged, notFound);
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        // Each erased alert removes its own row, so every round lists the ones left.
        IReadOnlyList<string> ids;
        while ((ids = await index.ListIdsAsync(TenantId, Parallelism * 16, cancellationToken)).Count > 0)
        {
            foreach (string[] slice in ids.Chunk(Parallelism))
            {
                await Task.WhenAll(slice.Select(id => Alert(id).EraseAsync(cancellationToken)));
            }
        }
    }

    private async Task<bool> TryAcknowledgeAsync(string alertId, string user, CancellationToken cancellationToken)
    {
        try
        {
            await Alert(alertId).AcknowledgeAsync(user, cancellationToken);
            return true;
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            return false;
        }
    }

    private IAlertGrain Alert(string alertId) => GrainFactory.GetGrain<IAlertGrain>(new AlertKey(TenantId, alertId).ToString());
}
