namespace Carmen.Grains.Interfaces.Posture;

/// <summary>One device of a finding, with its cluster (for access) and what the check saw (a serial number, an address pair, a date).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.PostureDevice")]
public sealed record PostureDevice(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string ClusterId,
    [property: Id(2)] string Detail);
