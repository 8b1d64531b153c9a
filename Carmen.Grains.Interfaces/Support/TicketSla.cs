namespace Carmen.Grains.Interfaces.Support;

/// <summary>A ticket's targets under the policy in force for its tenant; a target the policy does not set is null.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TicketSla")]
public sealed record TicketSla(
    [property: Id(0)] string PolicyId,
    [property: Id(1)] SlaTargetStatus? FirstResponse,
    [property: Id(2)] SlaTargetStatus? NextResponse,
    [property: Id(3)] SlaTargetStatus? Resolution);
