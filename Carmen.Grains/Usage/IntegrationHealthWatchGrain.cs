using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Usage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Usage;

/// <summary>
/// Evaluates a tenant's integrationHealth rules against each live service-account key every
/// <see cref="AlertOptions.IntegrationHealthInterval"/> (<see cref="IntegrationHealthFacts"/> for what a rule reads).
/// A rule met by a key raises one alert for that pair, kept open until the rule's clear condition holds (or, without
/// one, its condition is false), the key is gone or the rule is. A timer drives the evaluations; a reminder brings the
/// grain back after a restart while any rule watches.
/// </summary>
[GrainType("integration-health-watch")]
public sealed partial class IntegrationHealthWatchGrain(
    [PersistentState("integration-health-watch", StorageNames.Tenants)] IPersistentState<IntegrationHealthWatchState> watch,
    IOptions<AlertOptions> options,
    TimeProvider time,
    ILogger<IntegrationHealthWatchGrain> logger) : Grain, IIntegrationHealthWatchGrain, IRemindable
{
    private const string ReminderName = "integration-health";

    private IGrainTimer? _timer;
    private bool _reminderSet;

    private string TenantId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _reminderSet = watch.State.Watching;
        KeepTimer();
        return Task.CompletedTask;
    }

    public async Task RulesChangedAsync() => await EvaluateAsync(CancellationToken.None);

    public Task ReceiveReminder(string reminderName, TickStatus status) => EvaluateAsync(CancellationToken.None);

    public async Task<IReadOnlyList<string>> EvaluateAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        AlertRuleSet ruleSet = await GrainFactory.GetGrain<IAlertRulesGrain>(TenantId).ListAsync(cancellationToken);
        List<CompiledAlertRule> rules = [.. ruleSet.Rules
            .Where(rule => rule.Definition.Enabled && rule.Definition.Scope.Kind == AlertScopeKind.Tenant)
            .Select(CompiledAlertRule.Compile)
            .Where(rule => rule.Condition.Watches(AlertCondition.IntegrationHealth))];
        var stillMet = new HashSet<string>(StringComparer.Ordinal);
        if (rules.Count > 0)
        {
            IReadOnlyList<(ApiKeyInfo Key, string ServiceAccountId)> keys = await LiveServiceAccountKeys.ReadAsync(GrainFactory, TenantId, now, cancellationToken);
            IReadOnlyList<ApiUsageSample> usage = keys.Count == 0 ? [] : await GrainFactory.GetGrain<IApiUsageGrain>(0).QueryAsync(
                TenantId, new ApiUsageQuery(now - IntegrationHealthFacts.VolumePeriod, now.AddMinutes(1), ByDay: false), cancellationToken);
            ILookup<string, ApiUsageSample> byKey = usage.Where(row => row.KeyId.Length > 0).ToLookup(row => row.KeyId);
            foreach ((ApiKeyInfo key, string accountId) in keys)
            {
                Dictionary<string, TimestampedValue> facts = IntegrationHealthFacts.Of(key, accountId, [.. byKey[key.Id]], now);
                foreach (CompiledAlertRule rule in rules)
                {
                    if (await KeepsOpenAsync(rule, key, facts, now, cancellationToken))
                    {
                        stillMet.Add(PairId(rule.Id, key.Id));
                    }
                }
            }
        }

        // A pair no longer evaluated (its rule or key gone) ends its alert.
        foreach (string pair in watch.State.Open.Keys.Where(pair => !stillMet.Contains(pair)).ToList())
        {
            await CloseAsync(pair, now, cancellationToken);
        }

        watch.State.Watching = rules.Count > 0;
        await watch.WriteStateAsync(cancellationToken);
        _reminderSet = await this.KeepAsync(ReminderName, watch.State.Watching, _reminderSet, cancellationToken);
        KeepTimer();
        return [.. watch.State.Open.Values];
    }

    /// <summary>Raises the pair's alert when the rule is met and none is open; whether the pair's alert stays (or is now) open.</summary>
    private async Task<bool> KeepsOpenAsync(CompiledAlertRule rule, ApiKeyInfo key, Dictionary<string, TimestampedValue> facts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        AlertFacts evaluated = IntegrationHealthFacts.ForRule(facts, now);
        string pair = PairId(rule.Id, key.Id);
        if (watch.State.Open.ContainsKey(pair))
        {
            bool clears = rule.Clear is AlertCondition clear ? clear.Evaluate(evaluated) == true : rule.Condition.Evaluate(evaluated) == false;
            return !clears;
        }

        if (rule.Condition.Evaluate(evaluated) != true)
        {
            return false;
        }

        IReadOnlyList<ApiKeyError> errors = await GrainFactory.GetGrain<IApiKeyGrain>(key.Id).GetErrorsAsync(cancellationToken);
        if (errors.Count > 0 && errors[0] is var last)
        {
            facts["lastError"] = new(now.ToUnixTimeMilliseconds(), TelemetryValue.FromText($"{last.Status} {last.Request}: {last.Detail}"));
        }

        string alertId = Guid.CreateVersion7(now).ToString("N");
        AlertRuleDraft definition = rule.Rule.Definition;
        await GrainFactory.GetGrain<IAlertGrain>(new AlertKey(TenantId, alertId).ToString()).RaiseAsync(
            new AlertRaised("", "", rule.Id, definition.Name, definition.Severity, now, facts, AlertCondition.IntegrationHealth, definition.EscalationPathId), cancellationToken);
        watch.State.Open[pair] = alertId;
        LogRaised(TenantId, rule.Id, key.Id, alertId);
        return true;
    }

    private async Task CloseAsync(string pair, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string alertId = watch.State.Open[pair];
        try
        {
            await GrainFactory.GetGrain<IAlertGrain>(new AlertKey(TenantId, alertId).ToString()).ClearByRuleAsync(now, cancellationToken);
        }
        catch (CarmenException gone) when (gone.Kind == ErrorKind.NotFound)
        {
            // erased with the tenant's alerts: nothing left to clear
        }

        watch.State.Open.Remove(pair);
    }

    private void KeepTimer()
    {
        if (!watch.State.Watching)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        TimeSpan every = options.Value.IntegrationHealthInterval;
        _timer ??= this.RegisterGrainTimer(static (grain, cancellationToken) => grain.EvaluateAsync(cancellationToken), this,
            new GrainTimerCreationOptions(every, every) { KeepAlive = true });
    }

    private static string PairId(long ruleId, string keyId) => $"{ruleId}/{keyId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: key {KeyId} meets integration-health rule {RuleId}, alert {AlertId} raised")]
    private partial void LogRaised(string tenantId, long ruleId, string keyId, string alertId);
}
