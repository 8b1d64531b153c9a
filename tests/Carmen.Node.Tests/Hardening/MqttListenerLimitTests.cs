using System.Net.WebSockets;
using Carmen.Testing;
using Carmen.Testing.Node;
using Microsoft.AspNetCore.TestHost;
using MQTTnet;

namespace Carmen.Node.Tests.Hardening;

/// <summary>What a client may make the MQTT listener hold before and after it is authenticated.</summary>
public sealed class MqttListenerLimitTests(MqttListenerLimitsHost host) : IClassFixture<MqttListenerLimitsHost>
{
    private static readonly byte[] s_hugeConnectHeader = [0x10, 0xFF, 0xFF, 0xFF, 0x7F];

    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task ConnectDeclaringTwoHundredFiftySixMegabytesIsClosedAtOnce()
    {
        using RawMqttConnection connection = await RawMqttConnection.OpenAsync(Factory.MqttPort);

        await connection.SendAsync(s_hugeConnectHeader);

        (await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(20))).Should().NotBeNull("the header alone is refused; the CONNECT timeout is a minute");
    }

    [Fact]
    public async Task ConnectDeclaringTwoHundredFiftySixMegabytesOverWebSocketIsClosedAtOnce()
    {
        WebSocketClient client = Factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("mqtt");
        using WebSocket socket = await client.ConnectAsync(new Uri(Factory.Server.BaseAddress, "/mqtt"), CancellationToken.None);

        await socket.SendAsync(s_hugeConnectHeader, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Func<Task> receive = async () =>
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(new byte[16], timeout.Token);
            result.MessageType.Should().Be(WebSocketMessageType.Close);
        };

        await receive.Should().NotThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task APublishPastThePacketLimitClosesTheConnection()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "big"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token);

        Func<Task> publish = () => device.PublishAsync("v1/devices/me/telemetry", $$"""{"blob":"{{new string('x', 200_000)}}"}""");

        await publish.Should().ThrowAsync<Exception>();
        await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(10));
        await using DeviceMqttClient again = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token);
        (await again.PublishAsync("v1/devices/me/telemetry", """{"fine":1}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
    }

    [Fact]
    public async Task ConnectionsThatNeverSendTheirConnectAreLimitedPerAddress()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "patient"))["accessToken"]!.GetValue<string>();
        var idle = new List<RawMqttConnection>();
        for (int i = 0; i < MqttListenerLimitsHost.PendingPerAddress; i++)
        {
            idle.Add(await RawMqttConnection.OpenAsync(Factory.MqttPort));
        }

        await Task.Delay(500); // the listener has taken them all
        using RawMqttConnection refused = await RawMqttConnection.OpenAsync(Factory.MqttPort);
        byte[]? answer = await refused.ReadUntilClosedAsync(TimeSpan.FromSeconds(10));
        idle[0].Dispose();
        await Task.Delay(500);

        answer.Should().NotBeNull("a source over its pending limit is closed before anything is read");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token);
        device.Client.IsConnected.Should().BeTrue("closing one idle connection frees its place");
        foreach (RawMqttConnection connection in idle.Skip(1))
        {
            connection.Dispose();
        }
    }

    [Fact]
    public async Task Mqtt311EmptyClientIdWithoutCleanSessionIsAnsweredIdentifierRejected()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "anon"))["accessToken"]!.GetValue<string>();
        using RawMqttConnection connection = await RawMqttConnection.OpenAsync(Factory.MqttPort);

        await connection.SendAsync(MqttPackets.Connect("", token, keepAliveSeconds: 60, cleanSession: false));

        (await connection.ReadUntilClosedAsync(TimeSpan.FromSeconds(20))).Should().Equal([0x20, 0x02, 0x00, 0x02], "CONNACK 0x02, identifier rejected [MQTT-3.1.3-8]");
    }
}
