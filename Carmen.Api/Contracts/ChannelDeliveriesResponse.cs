using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Api.Contracts;

/// <summary>How a channel's deliveries went: counts, the latest success and failure, and the latest error.</summary>
public sealed record ChannelDeliveriesResponse(
    long Delivered,
    long FailedAttempts,
    long DeadLettered,
    DateTimeOffset? LastDeliveredAt,
    DateTimeOffset? LastFailedAt,
    string? LastError)
{
    public static ChannelDeliveriesResponse From(ChannelDeliveryStats stats) =>
        new(stats.Delivered, stats.FailedAttempts, stats.DeadLettered, stats.LastDeliveredAt, stats.LastFailedAt, stats.LastError);
}
