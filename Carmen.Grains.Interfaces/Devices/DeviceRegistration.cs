namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// A registered device with its access token, which is shown this once and stored only as a hash. An import keeps
/// the tokens of its rows for its caller to collect for a while, then forgets them (the token reads as empty).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceRegistration")]
public sealed record DeviceRegistration(
    [property: Id(0)] DeviceInfo Device,
    [property: Id(1)] string AccessToken);
