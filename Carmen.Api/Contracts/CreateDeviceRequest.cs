using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Contracts;

/// <summary>A device to register; also one row of a bulk import. Field rules are checked by the domain, which names the field at fault.</summary>
public sealed record CreateDeviceRequest(
    string? Id,
    string? Name,
    string? ClusterId,
    string? Type,
    IReadOnlyList<string>? Labels,
    string? FirmwareVersion,
    string? AccessToken)
{
    public DeviceDraft ToDraft() => new(Id, Name ?? "", ClusterId ?? "", Type, Labels, FirmwareVersion, AccessToken);
}
