namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// A device as operators see it. Attribute values are JSON texts. <see cref="IsGateway"/>: it may publish for devices
/// behind it; <see cref="GatewayId"/>: the gateway it is behind; <see cref="IsolatedBy"/>: the incident that isolates it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceInfo")]
public sealed record DeviceInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] string ClusterId,
    [property: Id(4)] string? Type,
    [property: Id(5)] IReadOnlyList<string> Labels,
    [property: Id(6)] DeviceStatus Status,
    [property: Id(7)] string? FirmwareVersion,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? LastSeenAt,
    [property: Id(10)] DateTimeOffset CredentialsIssuedAt,
    [property: Id(11)] IReadOnlyDictionary<string, string> SharedAttributes,
    [property: Id(12)] IReadOnlyDictionary<string, string> ServerAttributes,
    [property: Id(13)] bool IsGateway = false,
    [property: Id(14)] string? GatewayId = null,
    [property: Id(15)] long? IsolatedBy = null);
