namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>A saved channel with its id within the tenant and how its deliveries went.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.NotificationChannel")]
public sealed record NotificationChannel(
    [property: Id(0)] long Id,
    [property: Id(1)] NotificationChannelDraft Definition,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] ChannelDeliveryStats Stats);
