namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// ThingsBoard's device claiming (same grain as IDeviceGrain, same key): the device makes itself claimable for a while
/// with a secret, and a user of its tenant who knows the secret claims it into a cluster of their choice.
/// </summary>
[Alias("Carmen.IClaimableDeviceGrain")]
public interface IClaimableDeviceGrain : IGrainWithStringKey
{
    /// <summary>The device (or its gateway) says it may be claimed with <paramref name="secretKey"/> for <paramref name="duration"/> (default a day, at most a week).</summary>
    [Alias("MakeClaimable")]
    Task MakeClaimableAsync(string secretKey, TimeSpan? duration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the device into <paramref name="clusterId"/> with the secret it gave; not found when it is not claimable
    /// now, invalid when the secret is wrong (after five wrong secrets the claim is void until the device offers it again).
    /// </summary>
    [Alias("Claim")]
    Task<DeviceInfo> ClaimAsync(string secretKey, string clusterId, CancellationToken cancellationToken = default);
}
