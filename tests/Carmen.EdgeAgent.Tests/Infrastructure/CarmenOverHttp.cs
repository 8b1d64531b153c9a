using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.EdgeAgent.Tests.Infrastructure;

/// <summary>
/// A Carmen node whose HTTP side listens on a real loopback port (Kestrel, not the in-memory test server), so the
/// agent can download artifacts from it as it would on a device.
/// </summary>
public sealed class CarmenOverHttp : IAsyncLifetime
{
    private readonly int _httpPort = FreePorts.Next();

    public CarmenOverHttp()
    {
        Factory = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Http:Address"] = "127.0.0.1",
                ["Carmen:Http:Port"] = _httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Carmen:Metrics:Port"] = "0", // one listener, so the factory's client is the API's
            },
        };
        Factory.UseKestrel();
    }

    public CarmenApiFactory Factory { get; }

    public string HttpUrl => $"http://127.0.0.1:{_httpPort}";

    public Task InitializeAsync()
    {
        Factory.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();
}
