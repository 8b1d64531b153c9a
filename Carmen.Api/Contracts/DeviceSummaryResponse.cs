using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Contracts;

public sealed record DeviceSummaryResponse(
    string Id,
    string Name,
    string ClusterId,
    string? BusinessUnitId,
    string? Type,
    IReadOnlyList<string> Labels,
    DeviceStatus Status,
    string? FirmwareVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    bool Gateway,
    string? GatewayId)
{
    public static DeviceSummaryResponse From(DeviceSummary device, string? businessUnitId) => new(
        device.Id, device.Name, device.ClusterId, businessUnitId, device.Type, device.Labels, device.Status,
        device.FirmwareVersion, device.CreatedAt, device.LastSeenAt, device.IsGateway, device.GatewayId);
}
