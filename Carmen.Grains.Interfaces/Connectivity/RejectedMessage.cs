namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A message the platform refused from a device: on which topic, why, and when.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RejectedMessage")]
public sealed record RejectedMessage(
    [property: Id(0)] string Topic,
    [property: Id(1)] RejectionReason Reason,
    [property: Id(2)] string Detail,
    [property: Id(3)] DateTimeOffset At);
