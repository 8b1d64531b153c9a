using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;
using static Carmen.Node.Tests.Hardening.NonFiniteNumberTests;

namespace Carmen.Node.Tests.Hardening;

/// <summary>Input that used to answer 500, or that a device was told to send again for ever: each a clear, final refusal.</summary>
public sealed class BadInputTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Theory]
    [InlineData("shared")]
    [InlineData("server")]
    public async Task DuplicateAttributeKeysAreRefusedNotAServerError(string scope)
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("dup");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/dup/attributes/{scope}", RawJson("""{"a":1,"a":2}"""));

        JsonObject problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem["detail"]!.GetValue<string>().Should().Contain("more than once");
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    public async Task RpcExpirationBeyondAnyDateIsRefused(long expirationTime)
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("rpc");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/rpc/rpc",
            new { method = "reboot", persistent = true, expirationTime });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "expirationTime");
    }

    [Fact]
    public async Task ForceTimeBeyondAnyDateIsRefused()
    {
        (CarmenClient admin, string tenant, _) = await DeviceAsync("forced");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/forced/assignments",
            new { distributionSetId = 1, actionType = "timeforced", forceTime = long.MaxValue });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "forceTime");
    }

    [Theory]
    [InlineData("4")]
    [InlineData("99")]
    [InlineData("-1")]
    [InlineData("\"4\"")]
    [InlineData("\"superuser\"")]
    public async Task UndefinedRolesAreRefused(string role)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/users",
            RawJson($$"""{"username":"{{tenant}}-u","password":"a-long-enough-passphrase","role":{{role}}}"""));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "role");
    }

    [Fact]
    public async Task InvalidUtf8FromADeviceIsAFinalRefusal()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("utf8");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);
        byte[] payload = [.. Encoding.UTF8.GetBytes("{\"name\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")];

        MqttClientPublishResult result = await device.Client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic("v1/devices/me/telemetry").WithPayload(payload).WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());

        result.ReasonCode.Should().Be(MqttClientPublishReasonCode.PayloadFormatInvalid);
        result.ReasonString.Should().Contain("UTF-8");
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/utf8/diagnostics");
        diagnostics["rejected"]!["malformedPayload"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task FeedbackForAnActionThatDoesNotExistIsAFinalRefusal()
    {
        (CarmenClient admin, string tenant, string token) = await DeviceAsync("ota");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        MqttClientPublishResult result = await device.PublishAsync("v1/devices/me/ota/feedback", """{"actionId":44,"execution":"closed","result":"success"}""");

        result.ReasonCode.Should().Be(MqttClientPublishReasonCode.ImplementationSpecificError, "a resend cannot succeed: the device must not retry it for ever");
        result.ReasonString.Should().Contain("44");
        JsonObject diagnostics = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/ota/diagnostics");
        diagnostics["rejected"]!["refused"]!.GetValue<long>().Should().Be(1);
    }

    [Theory]
    [InlineData(300, 'a')]
    [InlineData(8, '\0')]
    [InlineData(8, '\u202E')]
    public async Task ClientIdsTooLongOrWithControlCharactersAreRefused(int length, char filler)
    {
        (_, _, string token) = await DeviceAsync("named");

        Func<Task> connect = () => DeviceMqttClient.ConnectAsync(factory.MqttPort, token, clientId: "id" + new string(filler, length));

        (await connect.Should().ThrowAsync<DeviceConnectRefusedException>()).Which.ResultCode.Should().Be(MqttClientConnectResultCode.ClientIdentifierNotValid);
    }

    [Theory]
    [InlineData("factory-flashed-token-0001")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("0101010101010101010101010101010101010101")]
    public async Task CallerChosenTokensWeakerThanGeneratedOnesAreRefused(string accessToken)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { id = "weak", clusterId = "c1", accessToken });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "accessToken");
    }

    [Theory]
    [InlineData("Plant\u0000Berlin")]
    [InlineData("Plant \u202Enilreb")]
    [InlineData("Plant\u0007")]
    public async Task NamesWithControlOrBidiCharactersAreRefusedNamingTheField(string name)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { name });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task OversizedOperatorInputIsRefusedNamingTheField()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        object[] metadata = [.. Enumerable.Range(0, 101).Select(i => new { key = $"k{i}", value = "v" })];

        HttpResponseMessage module = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules", new { name = "os", version = "1", type = "os", metadata });
        HttpResponseMessage smtp = await admin.SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/settings/smtp",
            new { host = "mail.example.com", port = 25, security = "none", from = new string('a', 100_000) + "@example.com" });
        HttpResponseMessage description = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/software-modules",
            new { name = "os", version = "1", type = "os", description = new string('d', 70_000) });

        await module.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "metadata");
        await smtp.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "from");
        await description.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "description");
    }

    [Fact]
    public async Task WhatTheFuzzerFoundIsAnsweredAsBadInput()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage blankTenant = await admin.SendAsync(HttpMethod.Get, "/api/v1/tenants/%20/devices");
        HttpResponseMessage nullAlertId = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alerts/acknowledge", RawJson("""{"ids":["a1",null]}"""));

        await blankTenant.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await nullAlertId.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "ids[1]");
    }

    private Task<(CarmenClient Admin, string Tenant, string Token)> DeviceAsync(string deviceId) => CarmenClient.TenantWithDeviceAsync(factory, deviceId);
}
