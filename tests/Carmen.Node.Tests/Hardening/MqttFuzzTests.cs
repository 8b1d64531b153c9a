using System.Net;
using System.Text;
using Carmen.Testing;
using Carmen.Testing.Node;
using MQTTnet;
using MQTTnet.Protocol;

namespace Carmen.Node.Tests.Hardening;

/// <summary>
/// Random and mutated MQTT from a fixed seed: bytes before any CONNECT, packets of every type after a valid one, and
/// payloads of every kind on every device API topic. The listener refuses or ignores what it must, never answers a
/// payload with "unspecified error" (MQTT's 500: a device would send it again for ever), and serves on afterwards.
/// </summary>
public sealed class MqttFuzzTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private const int Seed = 20_261_206;

    private static readonly string[] s_topics =
    [
        "v1/devices/me/telemetry", "v1/devices/me/attributes", "v1/devices/me/attributes/request/1", "v1/devices/me/rpc/response/7",
        "v1/devices/me/rpc/request/3", "v1/devices/me/ota/feedback", "v1/devices/me/unknown", "v1/devices/other/telemetry",
    ];

    [Fact]
    public async Task RandomBytesBeforeConnectLeaveTheListenerServing()
    {
        var random = new Random(Seed);
        factory.StartServer();
        for (int i = 0; i < 150; i++)
        {
            using RawMqttConnection connection = await RawMqttConnection.OpenAsync(factory.MqttPort);
            byte[] bytes = new byte[random.Next(1, 300)];
            random.NextBytes(bytes);
            if (random.Next(2) == 0)
            {
                bytes[0] = 0x10; // a CONNECT header with a random rest
            }

            await SendQuietlyAsync(connection, bytes);
            await connection.ReadUntilClosedAsync(TimeSpan.FromMilliseconds(50));
        }

        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task RandomPacketsAfterAValidConnectLeaveTheListenerServing()
    {
        var random = new Random(Seed + 1);
        string token = await DeviceAsync();
        for (int i = 0; i < 30; i++)
        {
            using RawMqttConnection connection = await RawMqttConnection.OpenAsync(factory.MqttPort);
            await connection.SendAsync(MqttPackets.Connect($"fuzz-{i}", token, keepAliveSeconds: 60));
            for (int packet = 0; packet < 20; packet++)
            {
                byte[] body = new byte[random.Next(0, 120)];
                random.NextBytes(body);
                byte header = (byte)((random.Next(1, 16) << 4) | random.Next(16));
                if (!await SendQuietlyAsync(connection, [header, (byte)body.Length, .. body]))
                {
                    break; // the server closed it, as it may for a protocol violation
                }
            }
        }

        await ShouldStillServeAsync();
    }

    [Fact]
    public async Task RandomPayloadsOnEveryTopicAreNeverATransientFailure()
    {
        var random = new Random(Seed + 2);
        var fuzz = new JsonFuzz(Seed + 3);
        string token = await DeviceAsync();
        var unspecified = new List<string>();
        DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        try
        {
            for (int i = 0; i < 300; i++)
            {
                string topic = s_topics[random.Next(s_topics.Length)];
                byte[] payload = random.Next(3) == 0 ? RandomBytes(random) : Encoding.UTF8.GetBytes(fuzz.Body(null));
                if (payload.Length > 60_000)
                {
                    continue;
                }

                if (!device.Client.IsConnected)
                {
                    await device.DisposeAsync();
                    device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
                }

                MqttClientPublishResult result = await device.Client.PublishAsync(new MqttApplicationMessageBuilder()
                    .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                if (result.ReasonCode == MqttClientPublishReasonCode.UnspecifiedError)
                {
                    unspecified.Add($"{topic}: {Encoding.UTF8.GetString(payload)[..Math.Min(200, payload.Length)]} ({result.ReasonString})");
                }
            }
        }
        finally
        {
            await device.DisposeAsync();
        }

        unspecified.Should().BeEmpty();
        await ShouldStillServeAsync();
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Sends what the server may already have closed the connection over; false when it had.</summary>
    private static async Task<bool> SendQuietlyAsync(RawMqttConnection connection, byte[] bytes)
    {
        try
        {
            await connection.SendAsync(bytes);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private async Task<string> DeviceAsync()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        return (await admin.CreateDeviceAsync(tenant, "fuzzed"))["accessToken"]!.GetValue<string>();
    }

    private async Task ShouldStillServeAsync()
    {
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, await DeviceAsync());
        (await device.PublishAsync("v1/devices/me/telemetry", """{"alive":1}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        (await factory.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
