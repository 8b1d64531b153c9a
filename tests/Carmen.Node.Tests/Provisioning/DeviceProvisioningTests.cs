using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Testing;

namespace Carmen.Node.Tests.Provisioning;

/// <summary>ThingsBoard's device provisioning over MQTT (MQTTnet and mosquitto_rr): a device with a profile's key and secret gets its credentials.</summary>
public sealed class DeviceProvisioningTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task ADeviceProvisionsItselfAndConnectsWithTheTokenItGot()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "other");
        (string key, string secret) = await admin.ProfileAsync(tenant);
        await using DeviceMqttClient provisioning = await ProvisioningHost.ConnectAsync(factory.MqttPort);

        JsonObject answer = await provisioning.RequestAsync(new { deviceName = "Sensor 12", provisionDeviceKey = key, provisionDeviceSecret = secret });
        JsonObject again = await provisioning.RequestAsync(new { deviceName = "Sensor 12", provisionDeviceKey = key, provisionDeviceSecret = secret });

        answer["status"]!.GetValue<string>().Should().Be("SUCCESS", answer.ToJsonString());
        answer["credentialsType"]!.GetValue<string>().Should().Be("ACCESS_TOKEN");
        string token = answer["credentialsValue"]!.GetValue<string>();
        again["status"]!.GetValue<string>().Should().Be("FAILURE");
        again["errorMsg"]!.GetValue<string>().Should().Contain("already exists");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        (await device.PublishAsync("v1/devices/me/telemetry", """{"temp":4}""")).IsSuccess.Should().BeTrue();
        JsonObject registered = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{DeviceNames.IdOf("Sensor 12")}");
        registered["name"]!.GetValue<string>().Should().Be("Sensor 12");
        registered["clusterId"]!.GetValue<string>().Should().Be("c1");
        registered["type"]!.GetValue<string>().Should().Be("sensor");
        JsonObject profile = await admin.GetAsync($"/api/v1/tenants/{tenant}/provisioning-profiles/{Uri.EscapeDataString(key)}");
        profile["devicesProvisioned"]!.GetValue<long>().Should().Be(1);
        profile["provisionDeviceSecret"].Should().BeNull("the secret is shown once, when the profile is made");
        JsonObject record = (await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/audit?source=device", page => page["records"]!.AsArray().Count == 1))["records"]![0]!.AsObject();
        (record["action"]!.GetValue<string>(), record["actor"]!["kind"]!.GetValue<string>(), record["targetId"]!.GetValue<string>())
            .Should().Be(("deviceProvisioned", "device", DeviceNames.IdOf("Sensor 12")), "credentials issued without an operator are in the audit trail");
    }

    [Fact]
    public async Task PreProvisionedDevicesGetCredentialsOnceAndOthersNone()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "meter-5");
        (string key, string secret) = await admin.ProfileAsync(tenant, "checkPreProvisionedDevices");
        await using DeviceMqttClient provisioning = await ProvisioningHost.ConnectAsync(factory.MqttPort);

        JsonObject first = await provisioning.RequestAsync(new { deviceName = "meter-5", provisionDeviceKey = key, provisionDeviceSecret = secret,
            credentialsType = "MQTT_BASIC", clientId = $"meter-5-{tenant}", username = $"meter-5-{tenant}", password = "meter-pass-1" });
        JsonObject second = await provisioning.RequestAsync(new { deviceName = "meter-5", provisionDeviceKey = key, provisionDeviceSecret = secret });
        JsonObject unknown = await provisioning.RequestAsync(new { deviceName = "meter-6", provisionDeviceKey = key, provisionDeviceSecret = secret });

        first["status"]!.GetValue<string>().Should().Be("SUCCESS", first.ToJsonString());
        first["credentialsType"]!.GetValue<string>().Should().Be("MQTT_BASIC");
        first["credentialsValue"]!["userName"]!.GetValue<string>().Should().Be($"meter-5-{tenant}");
        second["errorMsg"]!.GetValue<string>().Should().Contain("already provisioned");
        unknown["errorMsg"]!.GetValue<string>().Should().Contain("No device named 'meter-6'");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, $"meter-5-{tenant}", clientId: $"meter-5-{tenant}", password: "meter-pass-1");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?gatewayId=none"))["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task AWrongSecretAndAnUnknownKeyGetTheSameAnswer()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        (string key, _) = await admin.ProfileAsync(tenant);
        await using DeviceMqttClient provisioning = await ProvisioningHost.ConnectAsync(factory.MqttPort);

        JsonObject wrongSecret = await provisioning.RequestAsync(new { deviceName = "x1", provisionDeviceKey = key, provisionDeviceSecret = "not-the-secret-at-all-0123" });
        JsonObject unknownKey = await provisioning.RequestAsync(new { deviceName = "x1", provisionDeviceKey = "no-such-key-0123456789abc", provisionDeviceSecret = "not-the-secret-at-all-0123" });

        wrongSecret.ToJsonString().Should().Be(unknownKey.ToJsonString());
        wrongSecret["status"]!.GetValue<string>().Should().Be("FAILURE");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?namePrefix=x1"))["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task AProvisioningConnectionReachesNothingElse()
    {
        factory.StartServer();
        await using DeviceMqttClient provisioning = await DeviceMqttClient.ConnectAsync(factory.MqttPort, "provision");

        (await provisioning.SubscribeAsync("v1/devices/me/attributes")).Should().Be(MQTTnet.MqttClientSubscribeResultCode.NotAuthorized);
        (await provisioning.SubscribeAsync("#")).Should().Be(MQTTnet.MqttClientSubscribeResultCode.NotAuthorized);
        (await provisioning.PublishAsync("v1/devices/me/telemetry", """{"a":1}""")).ReasonCode.Should().Be(MQTTnet.MqttClientPublishReasonCode.NotAuthorized);
        (await provisioning.PublishAsync("/provision/request", "not json")).ReasonCode.Should().Be(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid);
    }

    [Fact]
    public async Task ProfilesAreTheirTenantsOwnAndTheirInputIsChecked()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        string other = await admin.CreateTenantAsync();
        (string key, _) = await admin.ProfileAsync(tenant);
        using CarmenClient otherAdmin = await CarmenClient.SignInAsync(factory, other, $"{other}-admin", CarmenClient.UserPassword);

        (await otherAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{other}/provisioning-profiles/{Uri.EscapeDataString(key)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherAdmin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{other}/provisioning-profiles/{Uri.EscapeDataString(key)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherAdmin.GetAsync($"/api/v1/tenants/{other}/provisioning-profiles"))["items"]!.AsArray().Should().BeEmpty();
        await (await otherAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/provisioning-profiles",
            new { name = "Copy", provisionDeviceKey = key, strategy = "allowCreateNewDevices", clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "provisionDeviceKey");
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/provisioning-profiles",
            new { name = "Weak", provisionDeviceKey = "aaaaaaaaaaaaaaaaaaaaaaaa", strategy = "allowCreateNewDevices", clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "provisionDeviceKey");
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/provisioning-profiles",
            new { name = "Nowhere", strategy = "allowCreateNewDevices", clusterId = "no-such-cluster" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "clusterId");
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/provisioning-profiles",
            new { name = "Odd", strategy = "sometimes", clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "strategy");
        (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/provisioning-profiles/{Uri.EscapeDataString(key)}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [MosquittoFact]
    public async Task MosquittoRrProvisionsADevice()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        (string key, string secret) = await admin.ProfileAsync(tenant);

        (int exitCode, string output) = await Mosquitto.RunAsync("mosquitto_rr",
            ["-h", "127.0.0.1", "-p", factory.MqttPort.ToString(CultureInfo.InvariantCulture), "-u", "provision", "-q", "1",
             "-t", "/provision/request", "-e", "/provision/response", "-W", "20",
             "-m", $$"""{"deviceName":"rr-device","provisionDeviceKey":"{{key}}","provisionDeviceSecret":"{{secret}}"}"""],
            TimeSpan.FromSeconds(30));

        exitCode.Should().Be(0, output);
        JsonNode.Parse(output.Trim())!["status"]!.GetValue<string>().Should().Be("SUCCESS", output);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/rr-device"))["name"]!.GetValue<string>().Should().Be("rr-device");
    }

    [NodeScriptTheory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task AnMqttJsDeviceProvisionsItselfAndSendsTelemetry(int protocolVersion)
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        (string key, string secret) = await admin.ProfileAsync(tenant);
        string name = $"JS Sensor v{protocolVersion}";

        await using NodeScript device = NodeScript.Start("provision.mjs",
            factory.MqttPort.ToString(CultureInfo.InvariantCulture), protocolVersion.ToString(CultureInfo.InvariantCulture), name, key, secret);
        JsonObject answer = await device.NextAsync(line => line["event"]!.GetValue<string>() == "answer");
        await device.NextAsync(line => line["event"]!.GetValue<string>() == "sent");

        answer["answer"]!["status"]!.GetValue<string>().Should().Be("SUCCESS", answer.ToJsonString());
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/{DeviceNames.IdOf(name)}/telemetry/latest"))["provisioned"]!["value"]!.GetValue<bool>().Should().BeTrue();
    }
}
