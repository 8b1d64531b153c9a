namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>A saved escalation path with its id within the tenant, which alert rules name.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.EscalationPath")]
public sealed record EscalationPath(
    [property: Id(0)] long Id,
    [property: Id(1)] EscalationPathDraft Definition,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt);
