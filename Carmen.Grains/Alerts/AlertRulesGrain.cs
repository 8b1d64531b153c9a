using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Usage;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Alerts;

/// <summary>
/// A tenant's alert rules. Every rule is compiled before it is saved, so devices only ever receive rules that parse;
/// a scope naming a business unit or cluster must name one the tenant has.
/// </summary>
[GrainType("alert-rules")]
public sealed partial class AlertRulesGrain(
    [PersistentState("alert-rules", StorageNames.Tenants)] IPersistentState<AlertRulesState> rules,
    TimeProvider time,
    ILogger<AlertRulesGrain> logger) : Grain, IAlertRulesGrain
{
    /// <summary>Rules are evaluated on every telemetry message of every device they cover: a bound keeps that cost known.</summary>
    private const int MaxRules = 200;

    private string TenantId => this.GetPrimaryKeyString();

    private AlertRulesState State => rules.State;

    public async Task<AlertRule> CreateAsync(AlertRuleDraft draft, CancellationToken cancellationToken)
    {
        draft = await CheckAsync(draft, null, cancellationToken);
        if (State.Rules.Count >= MaxRules)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxRules} alert rules.");
        }

        DateTimeOffset now = time.GetUtcNow();
        var rule = new AlertRule(++State.LastId, draft, 1, now, now);
        await SaveAsync(rule, cancellationToken);
        TellIntegrationHealthWatch(rule);
        LogSaved(TenantId, rule.Id, rule.Revision, draft.Name);
        return rule;
    }

    public async Task<AlertRule> UpdateAsync(long ruleId, AlertRuleDraft draft, CancellationToken cancellationToken)
    {
        AlertRule current = Rule(ruleId);
        draft = await CheckAsync(draft, ruleId, cancellationToken);
        AlertRule rule = current with { Definition = draft, Revision = current.Revision + 1, UpdatedAt = time.GetUtcNow() };
        await SaveAsync(rule, cancellationToken);
        TellIntegrationHealthWatch(current, rule);
        LogSaved(TenantId, rule.Id, rule.Revision, draft.Name);
        return rule;
    }

    public async Task DeleteAsync(long ruleId, CancellationToken cancellationToken)
    {
        AlertRule deleted = Rule(ruleId);
        State.Rules.Remove(ruleId);
        State.Version++;
        await rules.WriteStateAsync(cancellationToken);
        TellIntegrationHealthWatch(deleted);
        LogDeleted(TenantId, ruleId);
    }

    public Task<AlertRule> GetAsync(long ruleId, CancellationToken cancellationToken) => Task.FromResult(Rule(ruleId));

    public Task<AlertRuleSet> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AlertRuleSet(State.Version, [.. State.Rules.Values.OrderByDescending(rule => rule.Id)]));

    public Task<long> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult(State.Version);

    public Task EraseAsync(CancellationToken cancellationToken) => rules.ClearStateAsync(cancellationToken);

    private async Task<AlertRuleDraft> CheckAsync(AlertRuleDraft draft, long? ruleId, CancellationToken cancellationToken)
    {
        string name = draft.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw CarmenException.Invalid("name", "name is 1 to 100 characters.");
        }

        if (State.Rules.Values.Any(rule => rule.Id != ruleId && string.Equals(rule.Definition.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CarmenException.Conflict($"An alert rule named '{name}' exists already.", "name");
        }

        draft = draft with { Name = name };
        CompiledAlertRule.Compile(new AlertRule(0, draft, 0, default, default));
        await CheckScopeAsync(draft.Scope, cancellationToken);
        if (draft.EscalationPathId is long pathId
            && !(await GrainFactory.GetGrain<IAlertRoutingGrain>(TenantId).ListPathsAsync(cancellationToken)).Any(path => path.Id == pathId))
        {
            throw CarmenException.Invalid("escalationPathId", $"Tenant '{TenantId}' has no escalation path {pathId}.");
        }

        return draft;
    }

    private async Task CheckScopeAsync(AlertScope scope, CancellationToken cancellationToken)
    {
        var tenant = GrainFactory.GetGrain<ITenantGrain>(TenantId);
        if (scope.Kind == AlertScopeKind.Tenant)
        {
            await tenant.GetAsync(cancellationToken); // the tenant exists
            return;
        }

        if (scope.Id is not { Length: > 0 and <= 128 } id)
        {
            throw CarmenException.Invalid("scope.id", "A scope other than the tenant names its business unit, cluster, device type or label in \"id\".");
        }

        bool known = scope.Kind switch
        {
            AlertScopeKind.BusinessUnit => (await tenant.GetBusinessUnitsAsync(cancellationToken)).Any(unit => unit.Id == id),
            AlertScopeKind.Cluster => (await tenant.AdmitDevicesAsync(0, new HashSet<string> { id }, cancellationToken)).UnknownClusterIds.Count == 0,
            _ => true, // device types and labels are free text: a rule may wait for devices that do not exist yet
        };
        if (!known)
        {
            throw CarmenException.Invalid("scope.id", $"Tenant '{TenantId}' has no {(scope.Kind == AlertScopeKind.Cluster ? "cluster" : "business unit")} '{id}'.");
        }
    }

    private async Task SaveAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        State.Rules[rule.Id] = rule;
        State.Version++;
        await rules.WriteStateAsync(cancellationToken);
    }

    /// <summary>
    /// One-way, as the watch reads the rules back (which would wait on this call): a rule about integration health was
    /// saved, changed or deleted, so the tenant's watch starts, re-evaluates or stops.
    /// </summary>
    private void TellIntegrationHealthWatch(params AlertRule[] versions)
    {
        if (versions.Any(rule => CompiledAlertRule.Compile(rule).Condition.Watches(AlertCondition.IntegrationHealth)))
        {
            GrainFactory.GetGrain<IIntegrationHealthWatchGrain>(TenantId).RulesChangedAsync().Ignore();
        }
    }

    private AlertRule Rule(long ruleId) =>
        State.Rules.TryGetValue(ruleId, out AlertRule? rule) ? rule : throw CarmenException.NotFound($"Tenant '{TenantId}' has no alert rule {ruleId}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} saved alert rule {RuleId} revision {Revision} ({Name})")]
    private partial void LogSaved(string tenantId, long ruleId, int revision, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} deleted alert rule {RuleId}")]
    private partial void LogDeleted(string tenantId, long ruleId);
}
