namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>How one delivery attempt ended: <see cref="Error"/> is null when the channel took the notification.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeliveryOutcome")]
public sealed record DeliveryOutcome(
    [property: Id(0)] long DeliveryId,
    [property: Id(1)] string? Error);
