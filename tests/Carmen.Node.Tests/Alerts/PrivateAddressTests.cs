using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Alerts;

/// <summary>
/// With Carmen:Notifications:AllowPrivateAddresses off, a tenant cannot make Carmen reach into the network it runs in:
/// a webhook to 127.0.0.1 is refused at connect time and dead-lettered, and the listener hears nothing.
/// </summary>
public sealed class PrivateAddressTests : IAsyncLifetime
{
    private readonly HttpReceiver _receiver = new();
    private readonly CarmenApiFactory _factory = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Carmen:Notifications:AllowPrivateAddresses"] = "false",
            ["Carmen:Notifications:MaxAttempts"] = "2",
            ["Carmen:Notifications:FirstRetryDelay"] = "00:00:00.100",
        },
    };

    [Fact]
    public async Task AWebhookToALoopbackAddressIsRefusedAndDeadLettered()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        long channel = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/notification-channels",
            new { type = "webhook", name = "Internal", url = _receiver.BaseUrl + "probe" }))["id"]!.GetValue<long>();
        long path = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/escalation-paths",
            new { name = "At once", levels = new[] { new { delayMinutes = 0, channelIds = new[] { channel } } } }))["id"]!.GetValue<long>();
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules", new
        {
            name = "Hot", severity = "major", scope = new { type = "tenant" }, condition = new { key = "cpu", op = "gt", value = 80 }, escalationPathId = path,
        });
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(_factory.MqttPort, token);

        JsonObject letters = await Eventually.ReadAsync(
            async () =>
            {
                (await device.PublishAsync("v1/devices/me/telemetry", """{"cpu":95}""")).IsSuccess.Should().BeTrue();
                return await admin.GetAsync($"/api/v1/tenants/{tenant}/notification-channels/dead-letters");
            },
            page => page["items"]!.AsArray().Count > 0);

        letters["items"]!.AsArray().Should().ContainSingle();
        letters["items"]![0]!["lastError"]!.GetValue<string>().Should().Contain("private address");
        _receiver.Received.Should().BeEmpty("nothing reached the internal listener");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _receiver.DisposeAsync();
    }
}
