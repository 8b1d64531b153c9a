namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>What an operator asks of a channel: does it work, and when did it last fail and why.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ChannelDeliveryStats")]
public sealed record ChannelDeliveryStats(
    [property: Id(0)] long Delivered,
    [property: Id(1)] long FailedAttempts,
    [property: Id(2)] long DeadLettered,
    [property: Id(3)] DateTimeOffset? LastDeliveredAt,
    [property: Id(4)] DateTimeOffset? LastFailedAt,
    [property: Id(5)] string? LastError)
{
    /// <summary>A channel nothing was sent to yet.</summary>
    public static ChannelDeliveryStats None { get; } = new(0, 0, 0, null, null, null);
}
