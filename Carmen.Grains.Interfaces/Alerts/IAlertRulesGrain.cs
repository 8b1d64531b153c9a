using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>A tenant's alert rules (keyed by tenant id), erased with the tenant. Rules are validated here, whoever saves them.</summary>
[Alias("Carmen.IAlertRulesGrain")]
public interface IAlertRulesGrain : ITenantRecordGrain
{
    /// <summary>Saves a new rule; a malformed condition is refused naming its position, as in <c>condition.any[1].op</c>.</summary>
    [Alias("Create")]
    Task<AlertRule> CreateAsync(AlertRuleDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a rule's definition.</summary>
    [Alias("Update")]
    Task<AlertRule> UpdateAsync(long ruleId, AlertRuleDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Deletes a rule; alerts it raised stay, and no longer change by themselves.</summary>
    [Alias("Delete")]
    Task DeleteAsync(long ruleId, CancellationToken cancellationToken = default);

    /// <summary>One rule, or a not-found error.</summary>
    [Alias("Get")]
    Task<AlertRule> GetAsync(long ruleId, CancellationToken cancellationToken = default);

    /// <summary>All rules with the version they are at, newest rule first.</summary>
    [Alias("List")]
    Task<AlertRuleSet> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The version alone: what a silo's rule cache asks to learn whether it must fetch the rules again.</summary>
    [Alias("GetVersion")]
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);
}
