using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Orleans.Concurrency;

namespace Carmen.Grains.Alerts;

/// <summary>
/// A tenant's alerts as a whole, answered on whichever silo takes the call: listings from the index, bulk acknowledge
/// fanned out to the alerts in parallel slices, and erasure a slice at a time.
/// </summary>
[StatelessWorker]
[GrainType("tenant-alerts")]
public sealed class TenantAlertsGrain(IAlertIndex index, TimeProvider time) : Grain, ITenantAlertsGrain
{
    private const int Parallelism = 64;

    private static readonly IReadOnlyDictionary<string, TimestampedValue> s_noTelemetry = new Dictionary<string, TimestampedValue>();

    /// <summary>A report reads every alert row of its period: a bound keeps one request's cost known.</summary>
    private static readonly TimeSpan s_maxReportPeriod = TimeSpan.FromDays(366);

    private string TenantId => this.GetPrimaryKeyString();

    public Task<AlertPage> SearchAsync(AlertQuery query, CancellationToken cancellationToken) =>
        index.QueryAsync(TenantId, query, cancellationToken);

    public async Task<IReadOnlyList<string>> RaiseEventAsync(string eventName, IReadOnlyDictionary<string, TimestampedValue> details, CancellationToken cancellationToken)
    {
        // Read fresh rather than from the silo's cache: events are rare, and a rule saved a moment ago must hear this one.
        AlertRuleSet rules = await GrainFactory.GetGrain<IAlertRulesGrain>(TenantId).ListAsync(cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        var facts = new AlertFacts(s_noTelemetry, now, Event: eventName);
        var raised = new List<string>();
        foreach (AlertRule rule in rules.Rules)
        {
            // Only tenant-scoped rules: a business unit, cluster, type or label describes devices, which a rollout is not.
            AlertRuleDraft definition = rule.Definition;
            if (!definition.Enabled || definition.Scope.Kind != AlertScopeKind.Tenant || CompiledAlertRule.Compile(rule).Condition.Evaluate(facts) != true)
            {
                continue;
            }

            string alertId = Guid.CreateVersion7(now).ToString("N");
            await GrainFactory.GetGrain<IAlertGrain>(new AlertKey(TenantId, alertId).ToString()).RaiseAsync(
                new AlertRaised("", "", rule.Id, definition.Name, definition.Severity, now, details, eventName, definition.EscalationPathId), cancellationToken);
            raised.Add(alertId);
        }

        return raised;
    }

    public Task<AlertReport> ReportAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (since >= until)
        {
            throw CarmenException.Invalid("from", "from is before to.");
        }

        if (until - since > s_maxReportPeriod)
        {
            throw CarmenException.Invalid("from", $"A report covers at most {s_maxReportPeriod.TotalDays:0} days.");
        }

        return index.ReportAsync(TenantId, since, until, cancellationToken);
    }

    public async Task<BulkAcknowledgement> AcknowledgeManyAsync(IReadOnlyList<string> alertIds, string user, CancellationToken cancellationToken)
    {
        if (alertIds.Count is 0 or > ITenantAlertsGrain.MaxBulk)
        {
            throw CarmenException.Invalid("ids", $"ids names 1 to {ITenantAlertsGrain.MaxBulk} alerts.");
        }

        for (int i = 0; i < alertIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(alertIds[i]))
            {
                throw CarmenException.Invalid($"ids[{i}]", "An alert id is not empty.");
            }
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
