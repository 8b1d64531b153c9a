using Carmen.Grains.Interfaces.Escalation;

namespace Carmen.Api.Contracts;

/// <summary>Whom to notify once an alert has been unacknowledged for <c>delayMinutes</c>.</summary>
public sealed record EscalationLevelContract(int? DelayMinutes = null, IReadOnlyList<long>? ChannelIds = null, IReadOnlyList<long>? TeamIds = null)
{
    public static EscalationLevelContract From(EscalationLevel level) => new(level.DelayMinutes, level.ChannelIds, level.TeamIds);
}
