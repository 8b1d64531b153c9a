using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Grains.Notifications;

/// <summary>A notification on its way to one channel: kept in the grain's state until the channel takes it or it is dead-lettered.</summary>
[GenerateSerializer, Alias("Carmen.PendingDelivery")]
public sealed class PendingDelivery
{
    [Id(0)] public long Id { get; set; }
    [Id(1)] public long ChannelId { get; set; }
    [Id(2)] public AlertNotification Notification { get; set; } = null!;
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public DateTimeOffset NextAttemptAt { get; set; }
    [Id(5)] public DateTimeOffset? FirstAttemptAt { get; set; }
    [Id(6)] public string? LastError { get; set; }
}
