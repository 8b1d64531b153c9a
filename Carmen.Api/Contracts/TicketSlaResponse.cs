using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>A ticket's SLA under the policy in force for its tenant; a target the policy does not set is null.</summary>
public sealed record TicketSlaResponse(string PolicyId, SlaTargetResponse? FirstResponse, SlaTargetResponse? NextResponse, SlaTargetResponse? Resolution)
{
    public static TicketSlaResponse? From(TicketSla? sla) => sla is null
        ? null
        : new(sla.PolicyId, SlaTargetResponse.From(sla.FirstResponse), SlaTargetResponse.From(sla.NextResponse), SlaTargetResponse.From(sla.Resolution));
}
