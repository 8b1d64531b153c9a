using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Support;

namespace Carmen.Api.Contracts;

/// <summary>A device a ticket is about, as it was when the ticket was opened.</summary>
public sealed record TicketDeviceResponse(
    string DeviceId,
    string Name,
    string ClusterId,
    string? Type,
    DeviceStatus Status,
    string? FirmwareVersion,
    DateTimeOffset? LastSeenAt,
    Dictionary<string, LatestTelemetryValue> LatestTelemetry)
{
    public static TicketDeviceResponse From(TicketDevice device) => new(
        device.DeviceId, device.Name, device.ClusterId, device.Type, device.Status, device.FirmwareVersion, device.LastSeenAt,
        LatestTelemetryValue.From(device.LatestTelemetry));
}
