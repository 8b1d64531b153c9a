namespace Carmen.Grains.Interfaces.Devices;

/// <summary>A device as a listing shows it, served from the query index rather than from the device grain.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceSummary")]
public sealed record DeviceSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string ClusterId,
    [property: Id(3)] string? Type,
    [property: Id(4)] IReadOnlyList<string> Labels,
    [property: Id(5)] DeviceStatus Status,
    [property: Id(6)] string? FirmwareVersion,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? LastSeenAt,
    [property: Id(9)] bool IsGateway = false,
    [property: Id(10)] string? GatewayId = null);
