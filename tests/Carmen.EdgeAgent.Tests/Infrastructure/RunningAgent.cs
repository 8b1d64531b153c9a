using Carmen.EdgeAgent.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Carmen.EdgeAgent.Tests.Infrastructure;

/// <summary>The agent's real host, in this process, against a Carmen node on loopback; stopped and its state removed on dispose.</summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly bool _keepsState;

    private RunningAgent(IHost host, AgentOptions options, bool keepsState) => (_host, Options, _keepsState) = (host, options, keepsState);

    public AgentOptions Options { get; }

    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Starts an agent; with <paramref name="keepsState"/> its state directory outlives it, for a later agent (a restart).</summary>
    public static async Task<RunningAgent> StartAsync(int mqttPort, string accessToken, Action<AgentOptions>? configure = null, bool keepsState = false)
    {
        var options = new AgentOptions
        {
            Server = new ServerOptions { Host = "127.0.0.1", Port = mqttPort, ReconnectMaxDelaySeconds = 1 },
            AccessToken = accessToken,
            TelemetryIntervalSeconds = 1,
            StateDirectory = Path.Combine(Path.GetTempPath(), "carmen-agent-state", Guid.NewGuid().ToString("N")),
        };
        configure?.Invoke(options);
        AgentOptionsValidator.Validate(options).Should().BeEmpty();
        IHost host = AgentHost.Build(options, logging => { });
        await host.StartAsync();
        return new RunningAgent(host, options, keepsState);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (!_keepsState)
        {
            Directory.Delete(Options.StateDirectory, recursive: true);
        }
    }
}
