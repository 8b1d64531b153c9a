using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Mqtt.External;

/// <summary>"Carmen:Mqtt:External": the broker the silos connect to in <see cref="MqttMode.External"/>.</summary>
public sealed class ExternalBrokerOptions
{
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>The broker user of the silos; the broker's ACL gives it the device topics (see deploy/mosquitto).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Connect over TLS, trusting the system's certificate authorities or <see cref="CaCertificatePath"/>.</summary>
    public bool UseTls { get; set; }

    /// <summary>A PEM file with the certificate authority that signed the broker's certificate.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>First segment of every device topic: {TopicRoot}/{tenant}/{device}/up|down/...</summary>
    [Required, RegularExpression("^[^/+#$][^/+#]*$", ErrorMessage = "TopicRoot must be one topic segment without wildcards.")]
    public string TopicRoot { get; set; } = "carmen";

    /// <summary>The shared subscription group all silos join, so each device message reaches exactly one silo.</summary>
    [Required, RegularExpression("^[^/+#]+$", ErrorMessage = "ShareGroup must be one topic segment without wildcards.")]
    public string ShareGroup { get; set; } = "carmen";

    /// <summary>Device messages a silo handles at once (and the MQTT 5 receive maximum it asks the broker for).</summary>
    [Range(1, 65535)]
    public int MaxInFlight { get; set; } = 1024;
}
