using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Contracts;

/// <summary>
/// A device to register; also one row of a bulk import. Field rules are checked by the domain, which names the field
/// at fault. With <see cref="GatewayId"/> the device is registered as that gateway's child, its id following from its
/// name as the gateway finds it.
/// </summary>
public sealed record CreateDeviceRequest(
    string? Id,
    string? Name,
    string? ClusterId,
    string? Type,
    IReadOnlyList<string>? Labels,
    string? FirmwareVersion,
    string? AccessToken,
    string? GatewayId = null)
{
    public DeviceDraft ToDraft() => new(Id, Name ?? "", ClusterId ?? "", Type, Labels, FirmwareVersion, AccessToken, GatewayId);
}
