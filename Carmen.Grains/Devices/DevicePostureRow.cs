using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

/// <summary>
/// A device as the posture checks see it: where it is, when it was last seen (null: never), whether it holds a token
/// or basic credentials, and the distribution set it runs.
/// </summary>
public sealed record DevicePostureRow(
    string DeviceId, string ClusterId, DeviceStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? LastSeenAt, bool HoldsSecret, long? InstalledDistributionSetId);
