using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>One SLA target of a ticket: active, paused, met or breached; business minutes used of the goal; when it breaches if the clock runs on.</summary>
public sealed record SlaTargetResponse(SlaTargetState State, double GoalMinutes, double ElapsedMinutes, DateTimeOffset? DueAt)
{
    public static SlaTargetResponse? From(SlaTargetStatus? target) => target is null
        ? null
        : new(target.State, target.Goal.TotalMinutes, Math.Round(target.Elapsed.TotalMinutes, 2), target.DueAt);
}
