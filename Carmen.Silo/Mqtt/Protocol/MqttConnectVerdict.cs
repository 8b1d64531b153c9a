namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// What the listener decided about a CONNECT: accepted (reason code 0) under <paramref name="ClientId"/>, with the
/// session state the connection carries from then on; or refused with the reason code.
/// </summary>
internal sealed record MqttConnectVerdict(byte ReasonCode, string ClientId = "", object? Session = null)
{
    public static MqttConnectVerdict Refused(byte reasonCode) => new(reasonCode);
}
