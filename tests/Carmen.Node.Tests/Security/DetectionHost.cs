using Carmen.Testing;
using Carmen.Testing.Node;
using Microsoft.Extensions.Time.Testing;

namespace Carmen.Node.Tests.Security;

/// <summary>
/// A node for the detection rules: blocks on a clock the tests move, three accounts make credential stuffing, one refused
/// MQTT CONNECT within a one-second health check (60 a minute) makes a storm, and mail and webhooks may go to receivers on 127.0.0.1.
/// </summary>
public sealed class DetectionHost : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SmtpReceiver Smtp { get; } = new();

    public HttpReceiver Webhook { get; } = new();

    public CarmenApiFactory Factory { get; }

    public DetectionHost() => Factory = new CarmenApiFactory
    {
        SecurityClock = Clock,
        Settings = new Dictionary<string, string>
        {
            ["Carmen:Notifications:AllowedNetworks:0"] = "127.0.0.1/32",
            ["Carmen:Security:Detection:CredentialStuffingAccounts"] = "3",
            ["Carmen:Security:Detection:MqttRefusalsPerMinute"] = "50",
            ["Carmen:PlatformHealth:CheckInterval"] = "00:00:01",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
        await Webhook.DisposeAsync();
    }
}
