using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Alerts;

/// <summary>A node whose notifications may reach the tests' receivers on 127.0.0.1, by an explicit exception.</summary>
public sealed class LoopbackReceiversHost : IAsyncLifetime
{
    public CarmenApiFactory Factory { get; } = new()
    {
        Settings = new Dictionary<string, string> { ["Carmen:Notifications:AllowedNetworks:0"] = "127.0.0.1/32" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
