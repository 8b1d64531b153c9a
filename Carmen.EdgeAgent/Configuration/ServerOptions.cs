namespace Carmen.EdgeAgent.Configuration;

/// <summary>Where Carmen is: its MQTT endpoint, and its HTTP address for artifact downloads.</summary>
public sealed class ServerOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public bool Tls { get; set; }

    /// <summary>PEM file of the CA that signed the server's certificate; the system's trust store when unset.</summary>
    public string? CaFile { get; set; }

    /// <summary>Carmen's HTTP address (artifact downloads, DDI); <c>http(s)://{host}:8080</c> when unset.</summary>
    public string? HttpUrl { get; set; }

    /// <summary>The longest wait between reconnect attempts (the wait doubles from 1 s up to this).</summary>
    public int ReconnectMaxDelaySeconds { get; set; } = 60;

    public Uri HttpBase => new(HttpUrl ?? $"{(Tls ? "https" : "http")}://{Host}:8080");
}
