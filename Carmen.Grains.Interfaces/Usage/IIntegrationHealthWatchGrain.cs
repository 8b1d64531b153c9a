using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Usage;

/// <summary>
/// Holds a tenant's service-account keys to its <c>integrationHealth</c> alert rules, keyed by tenant id: every
/// interval each enabled tenant rule waiting for that event is evaluated against each live key's health, raising an
/// alert for a key that meets it and clearing it once the key no longer does.
/// </summary>
[Alias("Carmen.IIntegrationHealthWatchGrain")]
public interface IIntegrationHealthWatchGrain : IGrainWithStringKey
{
    /// <summary>The tenant's rules changed: watch while one waits for integrationHealth, stop (clearing what is open) otherwise.</summary>
    [Alias("RulesChanged"), OneWay]
    Task RulesChangedAsync();

    /// <summary>Evaluates now; the ids of the alerts open afterwards.</summary>
    [Alias("Evaluate")]
    Task<IReadOnlyList<string>> EvaluateAsync(CancellationToken cancellationToken = default);
}
