using System.Net;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>MQTT basic credentials (client id, username, password) as the alternative to an access token.</summary>
public sealed class MqttBasicCredentialsTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task UsernameClientIdAndPasswordMustAllMatch()
    {
        (CarmenClient admin, string tenant, string oldToken) = await DeviceAsync("plc");
        string username = $"plc-{tenant}";
        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/plc/credentials",
            new { type = "mqttBasic", username, clientId = $"line-{tenant}", password = "s3cret-pass" });

        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, username, clientId: $"line-{tenant}", password: "s3cret-pass");
        (await device.PublishAsync("v1/devices/me/telemetry", """{"pressure":4.2}""")).IsSuccess.Should().BeTrue();
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/plc/telemetry/latest"))["pressure"]!["value"]!.GetValue<double>().Should().Be(4.2);

        (await RefusalAsync(username, $"line-{tenant}", "wrong-pass")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await RefusalAsync(username, "another-client", "s3cret-pass")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await RefusalAsync(username, $"line-{tenant}", null)).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        (await RefusalAsync(oldToken, null, null)).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword, "basic credentials replace the token");
    }

    [Fact]
    public async Task ClientIdAloneIdentifiesADeviceWithoutPassword()
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("beacon");
        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/beacon/credentials", new { type = "mqttBasic", clientId = $"beacon-{tenant}" });

        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, "", clientId: $"beacon-{tenant}");
        (await device.PublishAsync("v1/devices/me/telemetry", """{"battery":88}""")).IsSuccess.Should().BeTrue();

        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/beacon/diagnostics"))["clientId"]!.GetValue<string>().Should().Be($"beacon-{tenant}");
    }

    [Fact]
    public async Task CredentialsAreValidatedUniqueAndSwitchingBackToATokenWorks()
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("a");
        await admin.CreateDeviceAsync(tenant, "b");
        string path = $"/api/v1/tenants/{tenant}/devices";
        string username = $"taken-{tenant}";
        await admin.SendOkAsync(HttpMethod.Put, $"{path}/a/credentials", new { type = "mqttBasic", username, password = "pw-123456" });

        await (await admin.SendAsync(HttpMethod.Put, $"{path}/b/credentials", new { type = "mqttBasic", username })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "username");
        await (await admin.SendAsync(HttpMethod.Put, $"{path}/b/credentials", new { type = "mqttBasic", password = "only" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "username");
        await (await admin.SendAsync(HttpMethod.Put, $"{path}/b/credentials", new { type = "x509" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "type");
        await (await admin.SendAsync(HttpMethod.Put, $"{path}/b/credentials", new { type = "mqttBasic", username = "has space" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "username");

        await using DeviceMqttClient basic = await DeviceMqttClient.ConnectAsync(factory.MqttPort, username, password: "pw-123456");
        string token = (await admin.SendOkAsync(HttpMethod.Put, $"{path}/a/credentials", new { type = "accessToken" }))["accessToken"]!.GetValue<string>();
        (await basic.Disconnected.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be(MqttClientDisconnectReason.NotAuthorized);
        (await RefusalAsync(username, null, "pw-123456")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        await using DeviceMqttClient again = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        again.Client.IsConnected.Should().BeTrue();
    }

    private async Task<MqttClientConnectResultCode> RefusalAsync(string username, string? clientId, string? password)
    {
        Func<Task> connect = () => DeviceMqttClient.ConnectAsync(factory.MqttPort, username, clientId: clientId, password: password);
        return (await connect.Should().ThrowAsync<DeviceConnectRefusedException>()).Which.ResultCode;
    }

    private async Task<(CarmenClient Admin, string Tenant, string Token)> DeviceAsync(string deviceId)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, deviceId))["accessToken"]!.GetValue<string>();
        return (admin, tenant, token);
    }
}
