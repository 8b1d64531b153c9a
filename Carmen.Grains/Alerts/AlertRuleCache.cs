using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Alerts;

/// <summary>
/// Each silo's compiled copy of its tenants' alert rules, so a device evaluates on every message without a call.
/// A tenant's entry asks the rules grain for its version at most every <see cref="AlertOptions.RuleCheckInterval"/>,
/// in the background, and fetches and compiles the rules only when the version moved: a saved rule reaches every
/// silo within about that interval, without restarts and without the rules grain pushing to anyone.
/// </summary>
public sealed partial class AlertRuleCache(IGrainFactory grains, TimeProvider time, IOptions<AlertOptions> options, ILogger<AlertRuleCache> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant's rules; the first call for a tenant waits for them, later calls never wait.</summary>
    public ValueTask<TenantAlertRules> GetAsync(string tenantId)
    {
        Entry entry = _tenants.GetOrAdd(tenantId, static (id, cache) => cache.NewEntry(id), this);
        Task<TenantAlertRules> current = entry.Current;
        if (!current.IsCompletedSuccessfully)
        {
            return new ValueTask<TenantAlertRules>(FirstLoadAsync(tenantId, entry, current));
        }

        if (time.GetElapsedTime(Volatile.Read(ref entry.CheckedAt)) >= options.Value.RuleCheckInterval && Interlocked.Exchange(ref entry.Refreshing, 1) == 0)
        {
            StartRefresh(tenantId, entry, current.Result);
        }

        return ValueTask.FromResult(current.Result);
    }

    /// <summary>
    /// Off the calling grain's scheduler: the refresh is the silo's, not the device's that happened to notice it was due.
    /// A method of its own so that the lambda's closure is made only here, not on every call of <see cref="GetAsync"/>.
    /// </summary>
    private void StartRefresh(string tenantId, Entry entry, TenantAlertRules known) => _ = Task.Run(() => RefreshAsync(tenantId, entry, known));

    private Entry NewEntry(string tenantId) => new(LoadAsync(tenantId, TenantAlertRules.None), time.GetTimestamp());

    private async Task<TenantAlertRules> FirstLoadAsync(string tenantId, Entry entry, Task<TenantAlertRules> loading)
    {
        try
        {
            return await loading;
        }
        catch
        {
            _tenants.TryRemove(new KeyValuePair<string, Entry>(tenantId, entry)); // the next call tries again
            throw;
        }
    }

    private async Task RefreshAsync(string tenantId, Entry entry, TenantAlertRules known)
    {
        try
        {
            TenantAlertRules fresh = await LoadAsync(tenantId, known);
            entry.Current = Task.FromResult(fresh);
        }
        catch (Exception failure)
        {
            LogRefreshFailed(failure, tenantId); // the known rules stay in force until a refresh succeeds
        }
        finally
        {
            Volatile.Write(ref entry.CheckedAt, time.GetTimestamp());
            Volatile.Write(ref entry.Refreshing, 0);
        }
    }

    /// <summary>The tenant's rules, reusing <paramref name="known"/> when its version is still current.</summary>
    private async Task<TenantAlertRules> LoadAsync(string tenantId, TenantAlertRules known)
    {
        var rulesGrain = grains.GetGrain<IAlertRulesGrain>(tenantId);
        long version = await rulesGrain.GetVersionAsync();
        if (version == known.Version && !known.UsesBusinessUnits)
        {
            return known;
        }

        IReadOnlyList<CompiledAlertRule> compiled = version == known.Version
            ? known.Rules
            : [.. (await rulesGrain.ListAsync()).Rules.Where(rule => rule.Definition.Enabled).Select(rule => TryCompile(tenantId, rule)).OfType<CompiledAlertRule>()];
        Dictionary<string, string> businessUnitOfCluster = [];
        if (compiled.Any(rule => rule.ScopedToBusinessUnit))
        {
            foreach (BusinessUnitInfo unit in await grains.GetGrain<ITenantGrain>(tenantId).GetBusinessUnitsAsync())
            {
                foreach (ClusterInfo cluster in unit.Clusters)
                {
                    businessUnitOfCluster[cluster.Id] = unit.Id;
                }
            }
        }

        if (version == known.Version && businessUnitOfCluster.Count == known.BusinessUnitOfCluster.Count
            && businessUnitOfCluster.All(pair => known.BusinessUnitOfCluster.GetValueOrDefault(pair.Key) == pair.Value))
        {
            return known; // same instance, so devices keep the rules they picked
        }

        LogLoaded(tenantId, version, compiled.Count);
        return new TenantAlertRules(version, compiled, businessUnitOfCluster);
    }

    /// <summary>Every saved rule was compiled on save; one refused now (by a stricter release) is skipped, not the tenant's whole set.</summary>
    private CompiledAlertRule? TryCompile(string tenantId, AlertRule rule)
    {
        try
        {
            return CompiledAlertRule.Compile(rule);
        }
        catch (Interfaces.CarmenException refused)
        {
            LogRuleRefused(refused, tenantId, rule.Id);
            return null;
        }
    }

    private sealed class Entry(Task<TenantAlertRules> current, long checkedAt)
    {
        public volatile Task<TenantAlertRules> Current = current;
        public long CheckedAt = checkedAt;
        public int Refreshing;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert rules of tenant {TenantId} at version {Version}: {Count} enabled")]
    private partial void LogLoaded(string tenantId, long version, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert rule {RuleId} of tenant {TenantId} no longer compiles and is not evaluated")]
    private partial void LogRuleRefused(Exception exception, string tenantId, long ruleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the alert rules of tenant {TenantId}; the rules known stay in force")]
    private partial void LogRefreshFailed(Exception exception, string tenantId);
}
