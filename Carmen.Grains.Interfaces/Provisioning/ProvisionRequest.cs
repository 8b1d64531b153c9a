using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>
/// A device asking to be provisioned: its name, the profile's secret, and the credentials it wants: MQTT basic ones
/// it chose (<see cref="Basic"/>), or an access token (its own <see cref="AccessToken"/>, or one generated).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ProvisionRequest")]
public sealed record ProvisionRequest(
    [property: Id(0)] string DeviceName,
    [property: Id(1)] string Secret,
    [property: Id(2)] string? AccessToken = null,
    [property: Id(3)] MqttBasicCredentials? Basic = null);
