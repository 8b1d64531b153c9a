using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>Who may connect, and that a connected device reaches nothing but its own slice of the device API.</summary>
public sealed class DeviceMqttSecurityTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Theory]
    [InlineData(MqttProtocolVersion.V500)]
    [InlineData(MqttProtocolVersion.V311)]
    public async Task WrongTokenIsRefusedWithBadCredentials(MqttProtocolVersion protocol)
    {
        Func<Task> connect = () => DeviceMqttClient.ConnectAsync(factory.MqttPort, "no-such-token-000000000000", protocol: protocol);

        (await connect.Should().ThrowAsync<DeviceConnectRefusedException>()).Which.ResultCode.Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
    }

    [Fact]
    public async Task QuarantinedDecommissionedAndSuspendedAreRefusedAndALiveConnectionIsClosed()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string quarantined = await TokenAsync(admin, tenant, "q1");
        string retired = await TokenAsync(admin, tenant, "r1");
        await using DeviceMqttClient live = await DeviceMqttClient.ConnectAsync(factory.MqttPort, quarantined);

        await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/devices/q1", new { quarantined = true });
        MqttClientDisconnectedEventArgs closed = await live.Disconnected.WaitAsync(TimeSpan.FromSeconds(10));
        closed.Reason.Should().Be(MqttClientDisconnectReason.NotAuthorized);
        (await Refusal(quarantined)).Should().Be(MqttClientConnectResultCode.NotAuthorized);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/q1"))["status"]!.GetValue<string>().Should().Be("quarantined");

        await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/devices/r1");
        (await Refusal(retired)).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword, "decommissioning revokes the credentials");

        string suspendedTenant = await admin.CreateTenantAsync();
        string member = await TokenAsync(admin, suspendedTenant, "m1");
        await using DeviceMqttClient connected = await DeviceMqttClient.ConnectAsync(factory.MqttPort, await TokenAsync(admin, suspendedTenant, "m2"));
        await connected.PublishAsync("v1/devices/me/telemetry", """{"up":1}""");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{suspendedTenant}/suspend", new { reason = "unpaid" });
        (await Refusal(member)).Should().Be(MqttClientConnectResultCode.NotAuthorized);
        (await connected.Disconnected.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be(MqttClientDisconnectReason.NotAuthorized, "suspension closes live connections");
    }

    [Fact]
    public async Task RotatedCredentialsCloseTheConnectionAndOnlyTheNewTokenWorks()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string old = await TokenAsync(admin, tenant, "d1");
        await using DeviceMqttClient live = await DeviceMqttClient.ConnectAsync(factory.MqttPort, old);

        string fresh = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/d1/credentials/rotate"))["accessToken"]!.GetValue<string>();

        (await live.Disconnected.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be(MqttClientDisconnectReason.NotAuthorized);
        (await Refusal(old)).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        await using DeviceMqttClient again = await DeviceMqttClient.ConnectAsync(factory.MqttPort, fresh);
        again.Client.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task ASecondConnectionOfTheSameDeviceTakesItsSessionOver()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string token = await TokenAsync(admin, tenant, "d1");
        await using DeviceMqttClient first = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token, clientId: "first");
        await using DeviceMqttClient second = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token, clientId: "second");

        (await first.Disconnected.WaitAsync(TimeSpan.FromSeconds(10))).Reason.Should().Be(MqttClientDisconnectReason.SessionTakenOver);
        await Task.Delay(200);
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1/diagnostics");
        diagnostics["clientId"]!.GetValue<string>().Should().Be("second");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1"))["status"]!.GetValue<string>().Should().Be("online");
    }

    [Fact]
    public async Task ADeviceOfOneTenantCanNeitherReachNorDisturbAnotherTenantsDevice()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenantA = await admin.CreateTenantAsync();
        string tenantB = await admin.CreateTenantAsync();
        await using DeviceMqttClient intruder = await DeviceMqttClient.ConnectAsync(factory.MqttPort, await TokenAsync(admin, tenantA, "sensor"), clientId: "a-sensor");
        await using DeviceMqttClient victim = await DeviceMqttClient.ConnectAsync(factory.MqttPort, await TokenAsync(admin, tenantB, "sensor"), clientId: "b-sensor");
        await using DeviceMqttClient neighbour = await DeviceMqttClient.ConnectAsync(factory.MqttPort, await TokenAsync(admin, tenantA, "other"), clientId: "a-other");
        (await victim.SubscribeAsync("v1/devices/me/attributes")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        (await neighbour.SubscribeAsync("v1/devices/me/attributes")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);

        foreach (string filter in new[] { "#", "v1/devices/+/attributes", "v1/devices/sensor/attributes", $"{tenantB}/sensor/#", "v1/devices/me/#", "$SYS/#" })
        {
            (await intruder.SubscribeAsync(filter)).Should().Be(MqttClientSubscribeResultCode.NotAuthorized, filter);
        }

        foreach (string topic in new[] { "v1/devices/sensor/telemetry", $"{tenantB}/sensor/telemetry", "v1/devices/me/attributes/response/1", "anything" })
        {
            (await intruder.PublishAsync(topic, """{"temperature":99}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized, topic);
        }

        (await intruder.SubscribeAsync("v1/devices/me/attributes")).Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        (await intruder.PublishAsync("v1/devices/me/telemetry", """{"temperature":99}""")).IsSuccess.Should().BeTrue();
        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenantB}/devices/sensor/attributes/shared", new { secret = "b-only" });

        (await victim.ReceiveAsync())!.Value.Payload.Should().Contain("b-only");
        (await intruder.ReceiveAsync(TimeSpan.FromSeconds(1))).Should().BeNull("nothing of tenant B reaches tenant A");
        (await neighbour.ReceiveAsync(TimeSpan.FromSeconds(1))).Should().BeNull("nothing of another device reaches this one");
        (await admin.GetAsync($"/api/v1/tenants/{tenantB}/devices/sensor/telemetry/latest")).Should().BeEmpty("A's telemetry went to A's device only");
        (await admin.GetAsync($"/api/v1/tenants/{tenantA}/devices/sensor/telemetry/latest"))["temperature"]!["value"]!.GetValue<int>().Should().Be(99);
        (await admin.GetAsync($"/api/v1/tenants/{tenantA}/devices/sensor/diagnostics"))["rejected"]!["topicNotAllowed"]!.GetValue<long>().Should().Be(10);
    }

    [Fact]
    public async Task AClientIdInUseByAnotherDeviceCannotKickItOff()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenantA = await admin.CreateTenantAsync();
        string tenantB = await admin.CreateTenantAsync();
        await using DeviceMqttClient holder = await DeviceMqttClient.ConnectAsync(factory.MqttPort, await TokenAsync(admin, tenantA, "d1"), clientId: "shared-client-id");

        Func<Task> hijack = () => DeviceMqttClient.ConnectAsync(factory.MqttPort, TokenAsync(admin, tenantB, "d1").Result, clientId: "shared-client-id");

        (await hijack.Should().ThrowAsync<DeviceConnectRefusedException>()).Which.ResultCode.Should().Be(MqttClientConnectResultCode.ClientIdentifierNotValid);
        holder.Client.IsConnected.Should().BeTrue();
        (await holder.PublishAsync("v1/devices/me/telemetry", """{"still":1}""")).IsSuccess.Should().BeTrue();
    }

    private async Task<MqttClientConnectResultCode> Refusal(string token)
    {
        Func<Task> connect = () => DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        return (await connect.Should().ThrowAsync<DeviceConnectRefusedException>()).Which.ResultCode;
    }

    private static async Task<string> TokenAsync(CarmenClient admin, string tenant, string deviceId) =>
        (await admin.CreateDeviceAsync(tenant, deviceId))["accessToken"]!.GetValue<string>();
}
