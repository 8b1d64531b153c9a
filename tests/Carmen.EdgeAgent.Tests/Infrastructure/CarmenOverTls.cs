using System.Globalization;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.EdgeAgent.Tests.Infrastructure;

/// <summary>
/// A Carmen node with its HTTP side on a real loopback port (where the agent enrolls) and MQTT over TLS with a server
/// certificate for localhost and 127.0.0.1, whose PEM the agent trusts; files removed on dispose.
/// </summary>
public sealed class CarmenOverTls : IAsyncLifetime
{
    private const string Password = "agent-tls";
    private readonly int _httpPort = FreePorts.Next();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "carmen-agent-tls", Guid.NewGuid().ToString("N"));

    public CarmenOverTls()
    {
        Directory.CreateDirectory(_directory);
        string pfx = Path.Combine(_directory, "server.pfx");
        TestCertificates.WritePfx(pfx, "CN=localhost", Password, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), ServerCertificatePem);
        Factory = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Http:Address"] = "127.0.0.1",
                ["Carmen:Http:Port"] = _httpPort.ToString(CultureInfo.InvariantCulture),
                ["Carmen:Metrics:Port"] = "0",
                ["Carmen:Mqtt:CertificatePath"] = pfx,
                ["Carmen:Mqtt:CertificatePassword"] = Password,
                ["Carmen:Mqtt:TlsPort"] = TlsPort.ToString(CultureInfo.InvariantCulture),
            },
        };
        Factory.UseKestrel();
    }

    public CarmenApiFactory Factory { get; }

    public int TlsPort { get; } = FreePorts.Next();

    public string HttpUrl => $"http://127.0.0.1:{_httpPort}";

    public string ServerCertificatePem => Path.Combine(_directory, "server.pem");

    public Task InitializeAsync()
    {
        Factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
