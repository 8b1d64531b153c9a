namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// ThingsBoard's "MQTT Basic" credentials: a device identified by its MQTT username, or its client id, or both
/// (both must then match), with an optional password. The alternative to an access token.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.MqttBasicCredentials")]
public sealed record MqttBasicCredentials(
    [property: Id(0)] string? ClientId,
    [property: Id(1)] string? Username,
    [property: Id(2)] string? Password);
