using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Gateways;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Claiming;

/// <summary>ThingsBoard's device claiming: a device offers itself with a secret; a user of its tenant claims it into a cluster.</summary>
public sealed class DeviceClaimingTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task ADeviceThatOffersItselfIsClaimedIntoTheChosenClusterOnce()
    {
        (CarmenClient admin, string tenant, string token) = await TenantWithSecondClusterAsync("kiosk-1");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        (await device.PublishAsync("v1/devices/me/claim", """{"secretKey":"4711","durationMs":60000}""")).IsSuccess.Should().BeTrue();

        JsonObject claimed = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/claim", new { deviceName = "kiosk-1", secretKey = "4711", clusterId = "c2" });
        HttpResponseMessage again = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/claim", new { deviceName = "kiosk-1", secretKey = "4711", clusterId = "c1" });

        claimed["clusterId"]!.GetValue<string>().Should().Be("c2");
        claimed["businessUnitId"]!.GetValue<string>().Should().Be("bu");
        await again.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongSecretsAreRefusedAndFiveOfThemVoidTheClaim()
    {
        (CarmenClient admin, string tenant, string token) = await TenantWithSecondClusterAsync("kiosk-2");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        (await device.PublishAsync("v1/devices/me/claim", """{"secretKey":"right-one"}""")).IsSuccess.Should().BeTrue();

        for (int guess = 0; guess < 5; guess++)
        {
            await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/claim", new { deviceName = "kiosk-2", secretKey = $"guess-{guess}", clusterId = "c2" }))
                .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "secretKey");
        }

        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/claim", new { deviceName = "kiosk-2", secretKey = "right-one", clusterId = "c2" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/kiosk-2"))["clusterId"]!.GetValue<string>().Should().Be("c1");
    }

    [Fact]
    public async Task AnotherTenantCannotClaimTheDeviceAndMalformedOffersAreRefused()
    {
        (CarmenClient admin, string tenant, string token) = await TenantWithSecondClusterAsync("kiosk-3");
        (CarmenClient otherAdmin, string other, _) = await CarmenClient.TenantWithDeviceAsync(factory, "unrelated");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        (await device.PublishAsync("v1/devices/me/claim", """{"secretKey":5}""")).ReasonCode.Should().Be(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid);
        (await device.PublishAsync("v1/devices/me/claim", """{"secretKey":"s","durationMs":-1}""")).ReasonCode.Should().Be(MQTTnet.MqttClientPublishReasonCode.PayloadFormatInvalid);
        (await device.PublishAsync("v1/devices/me/claim", """{"secretKey":"s"}""")).IsSuccess.Should().BeTrue();

        await (await otherAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/devices/claim", new { deviceName = "kiosk-3", secretKey = "s", clusterId = "c1" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/kiosk-3/diagnostics"))["rejected"]!["malformedPayload"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task AGatewayOffersItsChildForClaiming()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units/bu/clusters", new { id = "c2", name = "Cluster two" });
        await using DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        (await gateway.PublishAsync("v1/gateway/claim", """{"Lamp 4":{"secretKey":"lamp-secret","durationMs":30000}}""")).IsSuccess.Should().BeTrue();
        JsonObject claimed = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/claim", new { deviceName = "Lamp 4", secretKey = "lamp-secret", clusterId = "c2" });

        claimed["clusterId"]!.GetValue<string>().Should().Be("c2");
        claimed["gatewayId"]!.GetValue<string>().Should().Be("gw");
    }

    [MosquittoFact]
    public async Task MosquittoPubOffersTheDevice()
    {
        (CarmenClient admin, string tenant, string token) = await TenantWithSecondClusterAsync("kiosk-5");

        (int exitCode, string output) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-p", factory.MqttPort.ToString(CultureInfo.InvariantCulture), "-u", token, "-q", "1", "-t", "v1/devices/me/claim",
             "-m", """{"secretKey":"from-mosquitto","durationMs":120000}"""], TimeSpan.FromSeconds(20));

        exitCode.Should().Be(0, output);
        (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/claim", new { deviceName = "kiosk-5", secretKey = "from-mosquitto", clusterId = "c2" }))
            ["clusterId"]!.GetValue<string>().Should().Be("c2");
    }

    private async Task<(CarmenClient Admin, string Tenant, string Token)> TenantWithSecondClusterAsync(string deviceId)
    {
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(factory, deviceId);
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units/bu/clusters", new { id = "c2", name = "Cluster two" });
        return (admin, tenant, token);
    }
}
