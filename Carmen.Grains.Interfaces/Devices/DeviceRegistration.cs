namespace Carmen.Grains.Interfaces.Devices;

/// <summary>A registered device with its access token, which is shown this once and stored only as a hash.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceRegistration")]
public sealed record DeviceRegistration(
    [property: Id(0)] DeviceInfo Device,
    [property: Id(1)] string AccessToken);
