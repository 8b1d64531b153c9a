using System.Text.Json.Nodes;
using Carmen.Node.Tests.Hardening;
using Carmen.Testing;
using Carmen.Testing.Node;
using MQTTnet;
using MQTTnet.Protocol;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>
/// What Carmen's MQTT server does on its own, beyond the device API: the CONNECT deadline, keep-alive (and the
/// presence that follows it), PINGREQ, QoS 2's four-packet flow, and a protocol level it does not speak.
/// </summary>
public sealed class MqttServerProtocolTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new() { Settings = new Dictionary<string, string> { ["Carmen:Mqtt:ConnectTimeout"] = "00:00:01" } };

    public Task InitializeAsync()
    {
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AConnectionThatNeverSendsItsConnectIsClosedAfterTheConnectTimeout()
    {
        using RawMqttConnection connection = await RawMqttConnection.OpenAsync(_factory.MqttPort);

        (await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(15))).Should().BeEmpty("nothing is said to a client that never said CONNECT; it is closed");
    }

    [Fact]
    public async Task ASilentDeviceIsClosedAfterOneAndAHalfKeepAlivesAndGoesOffline()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("silent");
        using RawMqttConnection connection = await RawMqttConnection.OpenAsync(_factory.MqttPort);
        await connection.SendAsync(MqttPackets.Connect("silent-1", token, keepAliveSeconds: 3));
        (await Eventually.HoldsAsync(async () => await StatusAsync(admin, tenant, "silent") == "online")).Should().BeTrue();

        byte[]? received = await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(15));

        received.Should().NotBeNull("4.5 s without a packet ends the connection");
        received.Should().Equal((byte)0x20, (byte)2, (byte)0, (byte)0);
        (await Eventually.HoldsAsync(async () => await StatusAsync(admin, tenant, "silent") == "offline")).Should().BeTrue();
    }

    [Fact]
    public async Task PingRequestsKeepAConnectionAliveAndAreAnswered()
    {
        (_, _, string token) = await DeviceAsync("pinger");
        using RawMqttConnection connection = await RawMqttConnection.OpenAsync(_factory.MqttPort);
        await connection.SendAsync(MqttPackets.Connect("pinger-1", token, keepAliveSeconds: 2));
        byte[] answer = new byte[6];
        await connection.Stream.ReadExactlyAsync(answer.AsMemory(0, 4));

        // 4 s in all, past the 3 s a silent client would get, with pings 0.5 s apart: a margin for a busy machine.
        for (int i = 0; i < 8; i++)
        {
            await Task.Delay(500);
            await connection.SendAsync([0xC0, 0x00]);
            await connection.Stream.ReadExactlyAsync(answer.AsMemory(0, 2));
            answer[..2].Should().Equal((byte)0xD0, (byte)0x00);
        }
    }

    [Fact]
    public async Task QualityOfServiceTwoTakesTheMessageOnceThroughPubrecPubrelPubcomp()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("exact");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(_factory.MqttPort, token);

        MqttClientPublishResult result = await device.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("v1/devices/me/telemetry").WithPayload("""{"level":7}""").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce).Build());

        result.ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        JsonNode latest = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/exact/telemetry/latest");
        latest["level"]!["value"]!.GetValue<double>().Should().Be(7);
    }

    [Fact]
    public async Task AProtocolLevelCarmenDoesNotSpeakIsAnsweredUnacceptableProtocolVersion()
    {
        byte[] connect = MqttPackets.Connect("future-1", userName: null, keepAliveSeconds: 10);
        connect[8] = 6; // protocol level 6, after the fixed header (2 bytes) and the protocol name (6)
        using RawMqttConnection connection = await RawMqttConnection.OpenAsync(_factory.MqttPort);

        await connection.SendAsync(connect);

        (await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(15))).Should().Equal((byte)0x20, (byte)2, (byte)0, (byte)1);
    }

    private static async Task<string> StatusAsync(CarmenClient admin, string tenant, string device) =>
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{device}"))["status"]!.GetValue<string>();

    private async Task<(CarmenClient Admin, string Tenant, string Token)> DeviceAsync(string id)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        return (admin, tenant, (await admin.CreateDeviceAsync(tenant, id))["accessToken"]!.GetValue<string>());
    }
}
