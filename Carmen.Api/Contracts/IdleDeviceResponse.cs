using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>A device in service that was never seen (no lastSeenAt) or has been silent since lastSeenAt.</summary>
public sealed record IdleDeviceResponse(string DeviceId, string ClusterId, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt)
{
    public static IdleDeviceResponse From(IdleDevice device) => new(device.DeviceId, device.ClusterId, device.CreatedAt, device.LastSeenAt);
}
