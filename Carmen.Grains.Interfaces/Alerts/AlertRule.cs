namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>A saved alert rule: its id within the tenant, what was written, and when; <see cref="Revision"/> grows with every change.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertRule")]
public sealed record AlertRule(
    [property: Id(0)] long Id,
    [property: Id(1)] AlertRuleDraft Definition,
    [property: Id(2)] int Revision,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt);
