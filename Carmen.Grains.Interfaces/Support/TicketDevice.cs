using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>A device a ticket is about, as it was when the ticket was opened: what support sees even after the device changed.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TicketDevice")]
public sealed record TicketDevice(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Name,
    [property: Id(2)] string ClusterId,
    [property: Id(3)] string? Type,
    [property: Id(4)] DeviceStatus Status,
    [property: Id(5)] string? FirmwareVersion,
    [property: Id(6)] DateTimeOffset? LastSeenAt,
    [property: Id(7)] IReadOnlyDictionary<string, TimestampedValue> LatestTelemetry);
