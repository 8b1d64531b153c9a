using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Updates;

/// <summary>
/// ThingsBoard's firmware over MQTT, as its SDKs do it: fw_* shared attributes announce the action's firmware, the
/// device fetches it in chunks on v2/fw/..., and its fw_state telemetry drives the action.
/// </summary>
public sealed class ThingsBoardFirmwareTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private const int ChunkSize = 16_384;

    [Fact]
    public async Task ADeviceFetchesItsFirmwareInChunksAndItsFwStateFinishesTheAction()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 100_000);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);
        await device.SubscribeAsync("v1/devices/me/attributes");
        await device.SubscribeAsync("v1/devices/me/attributes/response/+");
        await device.SubscribeAsync("v2/fw/response/+/chunk/+");

        long actionId = await setup.AssignAsync();
        JsonObject announced = await NextJsonAsync(device, "v1/devices/me/attributes");
        await device.PublishAsync("v1/devices/me/attributes/request/1", """{"sharedKeys":"fw_title,fw_version,fw_size,fw_checksum,fw_checksum_algorithm"}""");
        JsonObject asked = (await NextJsonAsync(device, "v1/devices/me/attributes/response/1"))["shared"]!.AsObject();

        announced["fw_title"]!.GetValue<string>().Should().Be("gateway");
        announced["fw_version"]!.GetValue<string>().Should().Be("2.0.0");
        announced["fw_size"]!.GetValue<long>().Should().Be(100_000);
        announced["fw_checksum_algorithm"]!.GetValue<string>().Should().Be("SHA256");
        announced["fw_checksum"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(setup.Firmware)));
        asked.ToJsonString().Should().Be(announced.ToJsonString());

        await device.PublishAsync("v1/devices/me/telemetry", """{"fw_state":"DOWNLOADING"}""");
        byte[] firmware = await DownloadAsync(device, "17", announced["fw_size"]!.GetValue<long>());
        firmware.Should().Equal(setup.Firmware);
        foreach (string state in new[] { "DOWNLOADED", "VERIFIED", "UPDATING", "UPDATED" })
        {
            (await device.PublishAsync("v1/devices/me/telemetry", $$"""{"fw_state":"{{state}}"}""")).IsSuccess.Should().BeTrue();
        }

        JsonObject action = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}");
        action["status"]!.GetValue<string>().Should().Be("finished");
        action["feedback"]!.AsArray().Select(entry => entry!["details"]![0]!.GetValue<string>())
            .Should().Equal("fw_state DOWNLOADING", "fw_state DOWNLOADED", "fw_state VERIFIED", "fw_state UPDATING", "fw_state UPDATED");
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1"))["firmwareVersion"]!.GetValue<string>().Should().Be("gateway 2.0.0");
        await device.PublishAsync("v1/devices/me/attributes/request/2", """{"sharedKeys":"fw_version"}""");
        (await NextJsonAsync(device, "v1/devices/me/attributes/response/2"))["shared"]!["fw_version"]!.GetValue<string>()
            .Should().Be("2.0.0", "the installed firmware stays announced, so the device finds nothing new at its next boot");
    }

    [Fact]
    public async Task AFailedUpdateEndsTheActionInErrorWithTheDevicesReason()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 1_000);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);
        long actionId = await setup.AssignAsync();

        (await device.PublishAsync("v1/devices/me/telemetry", """{"fw_state":"FAILED","fw_error":"Checksum mismatch"}""")).IsSuccess.Should().BeTrue();

        JsonObject action = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}");
        action["status"]!.GetValue<string>().Should().Be("error");
        action["feedback"]![0]!["details"]!.AsArray().Select(detail => detail!.GetValue<string>()).Should().Equal("fw_state FAILED", "Checksum mismatch");
    }

    [Fact]
    public async Task ChunksPastTheEndAreEmptyAndADeviceWithoutAnActionGetsNone()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 1_000);
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, setup.DeviceToken);
        await device.SubscribeAsync("v2/fw/response/+/chunk/+");

        (await device.PublishAsync("v2/fw/request/1/chunk/0", "512")).ReasonCode.Should().NotBe(MQTTnet.MqttClientPublishReasonCode.Success, "no action, no firmware");
        await setup.AssignAsync();
        (await device.PublishAsync("v2/fw/request/2/chunk/5", "512")).IsSuccess.Should().BeTrue();
        (string Topic, byte[] Payload)? past = await device.ReceiveBytesAsync();
        (await device.PublishAsync("v2/fw/request/3/chunk/0", "lots")).ReasonCode.Should().Be(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid);

        past!.Value.Topic.Should().Be("v2/fw/response/2/chunk/5");
        past.Value.Payload.Should().BeEmpty();
    }

    [NodeScriptTheory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task AnMqttJsDeviceUpdatesItsFirmwareThroughThingsBoardsScheme(int protocolVersion)
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 300_000);
        await using NodeScript device = NodeScript.Start("firmware.mjs",
            factory.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture), setup.DeviceToken,
            protocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "65536");
        await device.NextAsync(line => line["event"]!.GetValue<string>() == "ready");

        long actionId = await setup.AssignAsync();
        JsonObject installed = await device.NextAsync(line => line["event"]!.GetValue<string>() == "installed", TimeSpan.FromSeconds(30));

        installed["bytes"]!.GetValue<int>().Should().Be(300_000);
        installed["checksum"]!.GetValue<string>().Should().Be(Convert.ToHexStringLower(SHA256.HashData(setup.Firmware)));
        JsonObject action = await setup.Admin.GetEventuallyAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}",
            body => body["status"]!.GetValue<string>() == "finished");
        action["feedback"]!.AsArray().Should().HaveCount(5);
    }

    [MosquittoFact]
    public async Task MosquittoClientsReadTheFirmwareAttributesFetchAChunkAndReportTheUpdate()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 3_000);
        long actionId = await setup.AssignAsync();
        string port = factory.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (int asked, string attributes) = await Mosquitto.RunAsync("mosquitto_rr",
            ["-h", "127.0.0.1", "-p", port, "-u", setup.DeviceToken, "-q", "1", "-W", "20", "-t", "v1/devices/me/attributes/request/1",
             "-e", "v1/devices/me/attributes/response/1", "-m", """{"sharedKeys":"fw_title,fw_size,fw_checksum"}"""], TimeSpan.FromSeconds(30));
        (int fetched, string chunkHex) = await Mosquitto.RunAsync("mosquitto_rr",
            ["-h", "127.0.0.1", "-p", port, "-u", setup.DeviceToken, "-q", "1", "-W", "20", "-t", "v2/fw/request/9/chunk/1",
             "-e", "v2/fw/response/9/chunk/1", "-m", "1000", "-F", "%x"], TimeSpan.FromSeconds(30));
        (int reported, string reportOutput) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", port, "-u", setup.DeviceToken, "-q", "1", "-t", "v1/devices/me/telemetry", "-m", """{"fw_state":"UPDATED"}"""],
            TimeSpan.FromSeconds(20));

        asked.Should().Be(0, attributes);
        JsonNode.Parse(attributes.Trim())!["shared"]!["fw_size"]!.GetValue<long>().Should().Be(3_000);
        fetched.Should().Be(0, chunkHex);
        chunkHex.Trim().Should().Be(Convert.ToHexStringLower(setup.Firmware.AsSpan(1_000, 1_000)));
        reported.Should().Be(0, reportOutput);
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}"))["status"]!.GetValue<string>().Should().Be("finished");
    }

    /// <summary>Asks for every chunk of the firmware, as a ThingsBoard SDK does, and puts them together.</summary>
    private static async Task<byte[]> DownloadAsync(DeviceMqttClient device, string requestId, long size)
    {
        using var firmware = new MemoryStream();
        for (int chunk = 0; firmware.Length < size; chunk++)
        {
            (await device.PublishAsync($"v2/fw/request/{requestId}/chunk/{chunk}", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture))).IsSuccess.Should().BeTrue();
            (string Topic, byte[] Payload)? received = await device.ReceiveBytesAsync();
            received.Should().NotBeNull();
            received!.Value.Topic.Should().Be($"v2/fw/response/{requestId}/chunk/{chunk}");
            received.Value.Payload.Length.Should().BeGreaterThan(0);
            firmware.Write(received.Value.Payload);
        }

        return firmware.ToArray();
    }

    private static async Task<JsonObject> NextJsonAsync(DeviceMqttClient device, string topic)
    {
        (string Topic, string Payload)? received = await device.ReceiveAsync();
        received.Should().NotBeNull($"a message on {topic} was expected");
        received!.Value.Topic.Should().Be(topic);
        return JsonNode.Parse(received.Value.Payload)!.AsObject();
    }
}
