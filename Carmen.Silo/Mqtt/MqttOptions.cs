using System.ComponentModel.DataAnnotations;
using Carmen.Silo.Mqtt.External;

namespace Carmen.Silo.Mqtt;

/// <summary>"Carmen:Mqtt": the device listener every silo runs, or the external broker the silos use instead.</summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string SectionName = "Carmen:Mqtt";

    /// <summary>Embedded listener (default) or a client of an external broker (<see cref="External"/>).</summary>
    public MqttMode Mode { get; set; } = MqttMode.Embedded;

    public ExternalBrokerOptions External { get; set; } = new();

    /// <summary>Address the TCP and TLS listeners bind; 0.0.0.0 to accept devices from other machines.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>MQTT over TLS, served when <see cref="CertificatePath"/> names a PKCS#12 (.pfx) file.</summary>
    [Range(1, 65535)]
    public int TlsPort { get; set; } = 8883;

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>MQTT over WebSocket on the HTTP port.</summary>
    [Required]
    public string WebSocketPath { get; set; } = "/mqtt";

    /// <summary>
    /// When a QoS 1 telemetry message is acknowledged: <see cref="MqttAcknowledgement.Accepted"/> (queued for history)
    /// or <see cref="MqttAcknowledgement.Stored"/> (committed to history; history then writes as soon as the previous
    /// write ends, a group commit, rather than every HistoryFlushInterval).
    /// </summary>
    public MqttAcknowledgement Acknowledge { get; set; } = MqttAcknowledgement.Accepted;

    /// <summary>Larger payloads are refused and counted against the device.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Packet headers allowed beside the payload (topic, MQTT 5 properties): a packet larger than the payload limit
    /// plus this is refused as its length is read, before anything is allocated for it, and the connection closed.
    /// </summary>
    [Range(1024, 1024 * 1024)]
    public int MaxPacketOverheadBytes { get; set; } = 16 * 1024;

    /// <summary>The largest packet a connection may send before its CONNECT is accepted (the CONNECT itself, will message included).</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxConnectPacketBytes { get; set; } = 16 * 1024;

    /// <summary>How long a new connection has to finish its TLS handshake and send its CONNECT.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections one IP address may hold on a silo (devices behind one NAT share an address).</summary>
    [Range(1, 10_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 10_000;

    /// <summary>Connections one IP address may hold on a silo that have not yet sent their CONNECT.</summary>
    [Range(1, 100_000)]
    public int MaxPendingConnectionsPerAddress { get; set; } = 256;

    /// <summary>The largest packet taken once connected: the payload limit plus <see cref="MaxPacketOverheadBytes"/>.</summary>
    public int MaxPacketBytes => MaxPayloadBytes + MaxPacketOverheadBytes;

    /// <summary>Messages per second a device may publish unless its tenant's limits say otherwise.</summary>
    [Range(1, 1_000_000)]
    public int DeviceMessagesPerSecond { get; set; } = 100;

    /// <summary>Telemetry data points per second a device may publish unless its tenant's limits say otherwise.</summary>
    [Range(1, 10_000_000)]
    public int DevicePointsPerSecond { get; set; } = 1_000;

    /// <summary>Failed CONNECTs from one IP address within <see cref="AuthFailureWindow"/> before it is blocked.</summary>
    [Range(1, 10_000)]
    public int AuthFailureLimit { get; set; } = 10;

    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a blocked IP address is refused (CONNACK "banned").</summary>
    public TimeSpan AuthBlockDuration { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == MqttMode.External && string.IsNullOrWhiteSpace(External.Host))
        {
            yield return new ValidationResult("Carmen:Mqtt:External:Host is required when Carmen:Mqtt:Mode is External.", [nameof(External)]);
        }

        if (ConnectTimeout < TimeSpan.FromSeconds(1) || ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("Carmen:Mqtt:ConnectTimeout is 1 second to 5 minutes.", [nameof(ConnectTimeout)]);
        }

        var results = new List<ValidationResult>();
        if (Mode == MqttMode.External && !Validator.TryValidateObject(External, new ValidationContext(External), results, validateAllProperties: true))
        {
            foreach (ValidationResult result in results)
            {
                yield return new ValidationResult($"Carmen:Mqtt:External: {result.ErrorMessage}", [nameof(External)]);
            }
        }
    }
}
