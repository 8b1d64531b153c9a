using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hardening;

/// <summary>A node whose MQTT limits are low enough for a test to reach: a long CONNECT timeout, so a refusal cannot be the timeout's.</summary>
public sealed class MqttListenerLimitsHost : IAsyncLifetime
{
    public const int PendingPerAddress = 4;

    public CarmenApiFactory Factory { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Carmen:Mqtt:ConnectTimeout"] = "00:01:00",
            ["Carmen:Mqtt:MaxPendingConnectionsPerAddress"] = PendingPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    /// <summary>Started before the first test, which may open a raw connection before anything else touches the node.</summary>
    public Task InitializeAsync()
    {
        Factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
