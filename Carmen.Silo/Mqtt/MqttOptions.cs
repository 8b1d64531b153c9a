using System.ComponentModel.DataAnnotations;

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

    /// <summary>Larger payloads are refused and counted against the device.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

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
