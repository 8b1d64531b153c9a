namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// A device to register: id (generated when null), name, cluster, type, labels, the firmware it left the factory with,
/// and optionally an access token the device maker already flashed onto it. A gateway registers its children with
/// its own id as <see cref="GatewayId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceDraft")]
public sealed record DeviceDraft(
    [property: Id(0)] string? Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string ClusterId,
    [property: Id(3)] string? Type = null,
    [property: Id(4)] IReadOnlyList<string>? Labels = null,
    [property: Id(5)] string? FirmwareVersion = null,
    [property: Id(6)] string? AccessToken = null,
    [property: Id(7)] string? GatewayId = null);
