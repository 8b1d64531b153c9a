using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;
using MQTTnet;

namespace Carmen.Node.Tests.Licenses;

/// <summary>
/// A license through its grace period and past it, on a moved clock: "restrict" stops new admissions while the
/// devices already in service keep sending and operators keep reading; "maintain" only warns.
/// </summary>
public sealed class LicenseExpiryTests : MovedClockHost
{
    public LicenseExpiryTests()
        : base(clock => new CarmenApiFactory { LicenseClock = clock })
    {
    }

    [Fact]
    public async Task PastGraceARestrictedLicenseAdmitsNothingNewAndLosesNothing()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 100, users = 10, features = new[] { "ota" } }, validFrom: Clock.GetUtcNow(), days: 10, graceDays: 5);
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token);

        Clock.Advance(TimeSpan.FromDays(12));
        JsonObject inGrace = (await admin.GetAsync($"{api}/licenses"))["items"]![0]!.AsObject();
        await admin.CreateDeviceAsync(tenant, "d2");
        Clock.Advance(TimeSpan.FromDays(4));
        JsonObject expired = (await admin.GetAsync($"{api}/licenses"))["items"]![0]!.AsObject();
        JsonObject refused = await (await admin.SendAsync(HttpMethod.Post, $"{api}/devices", new { id = "d3", name = "d3", clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonObject ota = await (await admin.SendAsync(HttpMethod.Post, $"{api}/software-modules", new { type = "os", name = "edge-os", version = "1.0" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        MqttClientPublishResult sent = await device.PublishAsync("v1/devices/me/telemetry", """{"temperature":21.5}""");
        JsonObject latest = await admin.GetEventuallyAsync($"{api}/devices/d1/telemetry/latest", body => body["temperature"] is not null);

        inGrace["status"]!.GetValue<string>().Should().Be("grace");
        expired["status"]!.GetValue<string>().Should().Be("expired");
        refused["entitlement"]!.GetValue<string>().Should().Be("devices");
        ota["entitlement"]!.GetValue<string>().Should().Be("ota");
        sent.ReasonCode.Should().Be(MqttClientPublishReasonCode.Success, "a device in service keeps sending after expiry");
        latest["temperature"]!.ToJsonString().Should().Contain("21.5");
        (await admin.GetAsync($"{api}/devices?sort=id"))["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).Should().Equal("d1", "d2");
        (await admin.GetAsync($"{api}/license-usage"))["devices"]!.ToJsonString().Should().Be("""{"entitled":0,"allowance":0,"used":2}""");
    }

    [Fact]
    public async Task PastGraceAMaintainedLicenseKeepsGranting()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 5 }, validFrom: Clock.GetUtcNow(), days: 10, expirationStrategy: "maintain");

        Clock.Advance(TimeSpan.FromDays(40));
        await admin.CreateDeviceAsync(tenant, "late");

        (await admin.GetAsync($"{api}/licenses"))["items"]![0]!["status"]!.GetValue<string>().Should().Be("expired");
        (await admin.GetAsync($"{api}/license-usage"))["devices"]!.ToJsonString().Should().Be("""{"entitled":5,"allowance":5,"used":1}""");
    }

    [Fact]
    public async Task ALicenseNotYetValidGrantsNothingUntilItsDay()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 5 }, validFrom: Clock.GetUtcNow().AddDays(3));

        JsonObject early = await (await admin.SendAsync(HttpMethod.Post, $"{api}/devices", new { id = "early", name = "early", clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Clock.Advance(TimeSpan.FromDays(3));
        await admin.CreateDeviceAsync(tenant, "on-time");

        early["entitlement"]!.GetValue<string>().Should().Be("devices");
        (await admin.GetAsync($"{api}/licenses"))["items"]![0]!["status"]!.GetValue<string>().Should().Be("valid");
    }

    [Fact]
    public async Task TheUsageReportFindsUnusedSeatsIdleDevicesAndSharesFarAboveUse()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 10, users = 5 }, validFrom: Clock.GetUtcNow(), days: 365);
        await admin.SendOkAsync(HttpMethod.Put, $"{api}/license-allocations", new { businessUnits = new { bu = new { devices = 8 } } });
        string token = (await admin.CreateDeviceAsync(tenant, "heard"))["accessToken"]!.GetValue<string>();
        await admin.CreateDeviceAsync(tenant, "never");
        await using (DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token))
        {
            await device.PublishAsync("v1/devices/me/telemetry", """{"t":1}""");
        }

        await admin.GetEventuallyAsync($"{api}/devices/heard", body => body["lastSeenAt"] is not null);
        JsonObject fresh = await admin.GetAsync($"{api}/reports/license-usage");
        Clock.Advance(TimeSpan.FromDays(31));
        JsonObject later = await admin.GetAsync($"{api}/reports/license-usage?silentDays=30");
        HttpResponseMessage csv = await admin.SendAsync(HttpMethod.Get, $"{api}/reports/license-usage?format=csv&silentDays=30");
        string[] lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        fresh["neverSeen"]!["devices"]!.AsArray().Select(device => device!["deviceId"]!.GetValue<string>()).Should().Equal("never");
        fresh["silent"]!["count"]!.GetValue<int>().Should().Be(0);
        later["silent"]!["devices"]!.AsArray().Select(device => device!["deviceId"]!.GetValue<string>()).Should().Equal("heard");
        later["unusedDeviceSeats"]!.GetValue<int>().Should().Be(8);
        later["unusedUserSeats"]!.GetValue<int>().Should().Be(4, "the tenant's administrator holds one of five");
        later["businessUnits"]![0]!["shareFarAboveUse"]!.GetValue<bool>().Should().BeTrue("2 of a share of 8 devices are in use");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        lines[0].Should().Be("kind,subject,entitled,allowance,used,unused,clusterId,lastSeenAt,note");
        lines.Should().Contain("entitlement,devices,10,10,2,8,,,");
        lines.Should().Contain(line => line.StartsWith("neverSeen,never,", StringComparison.Ordinal));
        lines.Should().Contain(line => line.StartsWith("silent,heard,", StringComparison.Ordinal));
        await (await admin.SendAsync(HttpMethod.Get, $"{api}/reports/license-usage?format=xml")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "format");
    }
}
