using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Api.Contracts;

/// <summary>A message a device sent that was refused: on which topic, why, and when.</summary>
public sealed record RejectedMessageResponse(string Topic, RejectionReason Reason, string Detail, DateTimeOffset At)
{
    public static RejectedMessageResponse From(RejectedMessage rejected) => new(rejected.Topic, rejected.Reason, rejected.Detail, rejected.At);
}
