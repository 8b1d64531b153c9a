namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>A tenant's rules at one version: the version grows with every change, so a cache knows when it is stale.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertRuleSet")]
public sealed record AlertRuleSet([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<AlertRule> Rules);
