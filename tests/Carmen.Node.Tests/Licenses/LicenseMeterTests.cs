using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;
using MQTTnet;
using MQTTnet.Formatter;

namespace Carmen.Node.Tests.Licenses;

/// <summary>
/// The monthly meter of telemetry points, on a moved clock: past the licensed points plus overage, telemetry is refused
/// and devices are told (MQTT 5: PUBACK 0x97 with the reason, to MQTTnet and to Debian's mosquitto_pub; MQTT 3.1.1:
/// no acknowledgement, the connection closes), the administrators are mailed once and the tenant's license webhook is
/// posted once, and a new month takes telemetry again.
/// </summary>
public sealed class LicenseMeterTests : MovedClockHost, IAsyncLifetime
{
    private const string Telemetry = "v1/devices/me/telemetry";
    private readonly SmtpReceiver _smtp = new();
    private readonly HttpReceiver _webhook = new();

    public LicenseMeterTests()
        : base(clock => new CarmenApiFactory { LicenseClock = clock, Settings = new Dictionary<string, string>
        {
            ["Carmen:Licenses:MeterFlushInterval"] = "00:00:00.200",
            ["Carmen:Licenses:CheckInterval"] = "00:00:00.500",
            ["Carmen:Notifications:AllowedNetworks:0"] = "127.0.0.1/32", // the test's mail server
        },
        })
    {
    }

    [Fact]
    public async Task PastTheMonthsPointsTelemetryIsRefusedAndDevicesAreToldUntilTheMonthEnds()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await admin.SendOkAsync(HttpMethod.Put, $"{api}/settings/smtp", new { host = "127.0.0.1", port = _smtp.Port, security = "none", from = "carmen@example.com" });
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/users", new { username = "boss", password = CarmenClient.UserPassword, role = "tenantAdmin", email = "boss@example.com" });
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/notification-channels",
            new { type = "webhook", name = "Licensing", url = _webhook.BaseUrl + "licenses", secret = "license-secret-123", licenseEvents = true });
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 10, meters = new Dictionary<string, long> { ["telemetryPointsPerMonth"] = 10 } },
            overagePercent: 20, validFrom: Clock.GetUtcNow(), days: 365);
        string month = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token);

        var taken = new List<MqttClientPublishReasonCode>();
        for (int i = 0; i < 4; i++)
        {
            taken.Add((await device.PublishAsync(Telemetry, """{"a":1,"b":2,"c":3}""")).ReasonCode); // 12 points: the 10 licensed and 20 % overage
        }

        JsonObject usage = await admin.GetEventuallyAsync($"{api}/license-usage", body => body["meters"]!["telemetryPointsPerMonth"]!["exhaustedAt"] is not null);
        await PublishUntilAsync(device, """{"a":1}""", MqttClientPublishReasonCode.QuotaExceeded);
        MqttClientPublishResult refused = await device.PublishAsync(Telemetry, """{"refused":1}""");
        string mosquittoToken = (await admin.CreateDeviceAsync(tenant, "d3"))["accessToken"]!.GetValue<string>();
        (_, string output) = await Mosquitto.RunAsync("mosquitto_pub", ["-h", "127.0.0.1", "-p", Port, "-u", mosquittoToken, "-i", "meter-v5", "-V", "5", "-q", "1", "-d",
            "-t", Telemetry, "-m", """{"mosquitto":1}"""], TimeSpan.FromSeconds(20));
        string token2 = (await admin.CreateDeviceAsync(tenant, "d2"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient v311 = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token2, protocol: MqttProtocolVersion.V311);
        Func<Task> unacknowledged = () => v311.PublishAsync(Telemetry, """{"old":1}""");
        await unacknowledged.Should().ThrowAsync<Exception>("MQTT 3.1.1 cannot say no in a PUBACK, so none comes");
        await v311.Disconnected.WaitAsync(TimeSpan.FromSeconds(10));
        var stages = new List<string>();
        while (stages.LastOrDefault() != "telemetryPointsPerMonthExhausted")
        {
            (ReceivedMail mail, string stage) = await LicenseWarningMail.NextAsync(_smtp, 20);
            stages.Add(stage);
            mail.To.Should().Equal("boss@example.com");
        }

        ReceivedRequest? posted = await Eventually.ReadAsync(
            () => Task.FromResult(_webhook.Received.SingleOrDefault(request => Encoding.UTF8.GetString(request.Body).Contains("license.meter-exhausted", StringComparison.Ordinal))),
            request => request is not null, TimeSpan.FromSeconds(15));
        JsonObject diagnostics = await admin.GetAsync($"{api}/devices/d1/diagnostics");
        JsonObject latest = await admin.GetAsync($"{api}/devices/d1/telemetry/latest");

        taken.Should().AllSatisfy(code => code.Should().Be(MqttClientPublishReasonCode.Success));
        JsonNode meter = usage["meters"]!["telemetryPointsPerMonth"]!;
        meter["entitled"]!.GetValue<long>().Should().Be(10);
        meter["allowance"]!.GetValue<long>().Should().Be(12);
        meter["used"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(12);
        meter["month"]!.GetValue<string>().Should().Be(month);
        refused.ReasonCode.Should().Be(MqttClientPublishReasonCode.QuotaExceeded);
        refused.ReasonString.Should().Contain($"telemetry points for {month}").And.Contain("12 with overage");
        output.Should().Contain("PUBACK (Mid: 1, RC:151)", "mosquitto_pub hears 0x97, quota exceeded").And.Contain("Publish 1 failed: Quota exceeded")
            .And.Contain($"telemetry points for {month}");
        diagnostics["rejected"]!["meterExhausted"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(2);
        latest["refused"].Should().BeNull("refused telemetry is not stored");
        (await admin.GetAsync($"{api}/devices/d3/telemetry/latest"))["mosquitto"].Should().BeNull();
        JsonObject hook = JsonNode.Parse(posted!.Body)!.AsObject();
        hook["tenantId"]!.GetValue<string>().Should().Be(tenant);
        hook["stage"]!.GetValue<string>().Should().Be("telemetryPointsPerMonthExhausted");
        posted.Headers["X-Carmen-Signature"].Should().Be("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("license-secret-123"u8, posted.Body)));
        _webhook.Received.Select(request => JsonNode.Parse(request.Body)!["type"]!.GetValue<string>()).Should().Equal("license.usage-high", "license.meter-exhausted");
        stages.Should().Contain("telemetryPointsPerMonth90").And.ContainSingle(stage => stage == "telemetryPointsPerMonthExhausted");

        Clock.Advance(StartOfNextMonth() - Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await PublishUntilAsync(device, """{"nextMonth":1}""", MqttClientPublishReasonCode.Success);
        JsonObject months = await admin.GetEventuallyAsync($"{api}/license-usage/meters", page => page["items"]![0]!["used"]!.GetValue<long>() >= 1);

        months["items"]!.AsArray().Select(item => item!["month"]!.GetValue<string>()).Should().Equal(StartOfMonth(Clock.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture), month);
        months["items"]![0]!["exhaustedAt"].Should().BeNull();
        months["items"]![1]!["exhaustedAt"].Should().NotBeNull();
        months["items"]![1]!["used"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(12);
        (await admin.GetAsync($"{api}/devices/d1/telemetry/latest"))["nextMonth"].Should().NotBeNull();
    }

    [Fact]
    public async Task ALicenseThatGrowsTheMeterOpensItAtOnce()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 10, meters = new Dictionary<string, long> { ["telemetryPointsPerMonth"] = 2 } }, validFrom: Clock.GetUtcNow(), days: 365);
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token);

        await device.PublishAsync(Telemetry, """{"a":1,"b":2}""");
        await PublishUntilAsync(device, """{"a":1}""", MqttClientPublishReasonCode.QuotaExceeded);
        await LicenseTests.IssueAsync(admin, tenant, new { meters = new Dictionary<string, long> { ["telemetryPointsPerMonth"] = 1000 } }, validFrom: Clock.GetUtcNow(), days: 365);
        await PublishUntilAsync(device, """{"addOn":1}""", MqttClientPublishReasonCode.Success);

        JsonObject meter = (await admin.GetAsync($"{api}/license-usage"))["meters"]!["telemetryPointsPerMonth"]!.AsObject();
        meter["allowance"]!.GetValue<long>().Should().Be(1002, "an add-on's meter adds to the base plan's");
        meter["exhaustedAt"].Should().BeNull();
        string csv = await (await admin.SendAsync(HttpMethod.Get, $"{api}/reports/license-usage?format=csv")).Content.ReadAsStringAsync();
        csv.Should().Contain("meter,telemetryPointsPerMonth,1002,1002,");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _webhook.DisposeAsync();
        await DisposeAsync();
    }

    private string Port => Factory.MqttPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>Publishes (a tenth of a second apart) until the answer is <paramref name="expected"/>: the silos learn a meter's verdict at their next report.</summary>
    private static async Task<MqttClientPublishResult> PublishUntilAsync(DeviceMqttClient device, string payload, MqttClientPublishReasonCode expected)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            MqttClientPublishResult result = await device.PublishAsync(Telemetry, payload);
            if (result.ReasonCode == expected)
            {
                return result;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No {expected} in 100 messages.");
    }

    private DateTimeOffset StartOfNextMonth() => StartOfMonth(Clock.GetUtcNow()).AddMonths(1);

    private static DateTimeOffset StartOfMonth(DateTimeOffset at) => new(at.Year, at.Month, 1, 0, 0, 0, TimeSpan.Zero);
}
