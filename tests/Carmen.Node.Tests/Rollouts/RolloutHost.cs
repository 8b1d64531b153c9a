using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>The real host with rollouts ticking every 100 ms, so the state machine moves within a test's patience.</summary>
public sealed class RolloutHost : IAsyncLifetime
{
    public CarmenApiFactory Factory { get; } = new()
    {
        Settings = new Dictionary<string, string> { ["Carmen:Rollouts:TickInterval"] = "00:00:00.100" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
