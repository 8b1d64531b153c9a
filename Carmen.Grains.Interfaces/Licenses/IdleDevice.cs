namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>A device in service that holds a seat without being heard from.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.IdleDevice")]
public sealed record IdleDevice(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string ClusterId,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? LastSeenAt);
