using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Grains.Notifications;

[GenerateSerializer, Alias("Carmen.NotificationChannelsState")]
public sealed class NotificationChannelsState
{
    [Id(0)] public Dictionary<long, NotificationChannel> Channels { get; set; } = [];
    [Id(1)] public long LastChannelId { get; set; }
    [Id(2)] public SmtpSettings? Smtp { get; set; }

    /// <summary>Deliveries not yet taken, oldest first.</summary>
    [Id(3)] public List<PendingDelivery> Pending { get; set; } = [];

    /// <summary>Newest last; the oldest are dropped past the bound.</summary>
    [Id(4)] public List<DeadLetter> DeadLetters { get; set; } = [];
    [Id(5)] public long LastDeliveryId { get; set; }
}
