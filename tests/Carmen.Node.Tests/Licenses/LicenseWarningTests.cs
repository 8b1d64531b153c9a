using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Licenses;

/// <summary>
/// Staged expiry warnings on a moved clock, each announced once by mail to the tenant's administrators (to a real SMTP
/// server on 127.0.0.1) and as a platform alert that a renewal clears; a tenant's earlier stage adds to the platform's.
/// </summary>
public sealed class LicenseWarningTests : MovedClockHost, IAsyncLifetime
{
    private readonly SmtpReceiver _smtp = new();

    public LicenseWarningTests()
        : base(clock => new CarmenApiFactory { LicenseClock = clock, Settings = new Dictionary<string, string>
        {
            ["Carmen:Licenses:CheckInterval"] = "00:00:00.200",
            ["Carmen:Notifications:AllowedNetworks:0"] = "127.0.0.1/32", // the test's mail server
        },
        })
    {
    }

    [Fact]
    public async Task EachStageIsAnnouncedOnceAndARenewalClearsThePlatformAlert()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await admin.SendOkAsync(HttpMethod.Put, $"{api}/settings/smtp", new { host = "127.0.0.1", port = _smtp.Port, security = "none", from = "carmen@example.com" });
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/users", new { username = "boss", password = CarmenClient.UserPassword, role = "tenantAdmin", email = "boss@example.com" });
        await admin.SendOkAsync(HttpMethod.Patch, api, new { settings = new Dictionary<string, string> { ["licenses.warningDays"] = "90" } });
        DateTimeOffset start = Clock.GetUtcNow();
        string license = (await LicenseTests.IssueAsync(admin, tenant, new { devices = 10 }, validFrom: start, days: 100, graceDays: 5))["license"]!["id"]!.GetValue<string>();

        var stages = new List<string>();
        foreach (TimeSpan step in new[] { TimeSpan.FromDays(11), TimeSpan.FromDays(30), TimeSpan.FromDays(58.5), TimeSpan.FromDays(1), TimeSpan.FromDays(5) })
        {
            Clock.Advance(step);
            (ReceivedMail mail, string stage) = await NextWarningAsync(20);
            mail.To.Should().Equal("boss@example.com");
            stages.Add(stage);
        }

        JsonObject raised = await admin.GetEventuallyAsync("/api/v1/platform/alerts", page => page["items"]!.AsArray().Any(alert => IsExpiry(alert!, "active")));
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 10 }, validFrom: Clock.GetUtcNow(), days: 365, renews: license);
        JsonObject cleared = await admin.GetEventuallyAsync("/api/v1/platform/alerts", page => page["items"]!.AsArray().Any(alert => IsExpiry(alert!, "cleared")));

        stages.Should().Equal("90d", "60d", "1d", "expired", "graceEnded");
        await FluentActions.Awaiting(() => NextWarningAsync(2)).Should().ThrowAsync<TimeoutException>("every stage is announced once, and 30d and 7d passed together with 1d");
        raised["items"]!.AsArray().Should().Contain(alert => IsExpiry(alert!, "active"));
        cleared.Should().NotBeNull();
    }

    [Fact]
    public async Task UseReachingTheThresholdWarnsOncePerCrossing()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await admin.SendOkAsync(HttpMethod.Put, $"{api}/settings/smtp", new { host = "127.0.0.1", port = _smtp.Port, security = "none", from = "carmen@example.com" });
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/users", new { username = "boss", password = CarmenClient.UserPassword, role = "tenantAdmin", email = "boss@example.com" });
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 4, users = 10 }, validFrom: Clock.GetUtcNow(), days: 365);

        await admin.CreateDeviceAsync(tenant, "d1");
        await admin.CreateDeviceAsync(tenant, "d2");
        await admin.CreateDeviceAsync(tenant, "d3"); // 75 %: below the 90 % threshold
        await admin.CreateDeviceAsync(tenant, "d4");
        (ReceivedMail first, string stage) = await NextWarningAsync(20);
        await admin.SendOkAsync(HttpMethod.Delete, $"{api}/devices/d4");
        await Task.Delay(1000); // a few checks see the use below the threshold
        await admin.CreateDeviceAsync(tenant, "d5");
        (_, string again) = await NextWarningAsync(20);

        stage.Should().Be("devices90");
        first.Data.Should().Contain("uses 4 of 4 licensed devices");
        again.Should().Be("devices90", "falling below and crossing again warns again");
        await FluentActions.Awaiting(() => NextWarningAsync(2)).Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task EachDayKeepsItsPeakAndItsLastUse()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        DateOnly first = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        string days = $"{api}/license-usage/history?from={first:yyyy-MM-dd}&to={first.AddDays(1):yyyy-MM-dd}";
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 10, users = 5 }, validFrom: Clock.GetUtcNow(), days: 365);

        await admin.CreateDeviceAsync(tenant, "d1");
        await admin.CreateDeviceAsync(tenant, "d2");
        await admin.CreateDeviceAsync(tenant, "d3");
        await admin.GetEventuallyAsync(days, page => page["items"]!.AsArray().FirstOrDefault()?["devices"]!["peak"]!.GetValue<int>() == 3);
        await admin.SendOkAsync(HttpMethod.Delete, $"{api}/devices/d3");
        JsonObject today = await admin.GetEventuallyAsync(days, page => page["items"]![0]!["devices"]!["last"]!.GetValue<int>() == 2);
        Clock.Advance(TimeSpan.FromDays(1));
        JsonObject both = await admin.GetEventuallyAsync(days, page => page["items"]!.AsArray().Count == 2);

        today["items"]![0]!["devices"]!.ToJsonString().Should().Be("""{"entitled":10,"peak":3,"last":2}""");
        today["items"]![0]!["users"]!.ToJsonString().Should().Be("""{"entitled":5,"peak":1,"last":1}""");
        both["items"]!.AsArray().Select(day => day!["day"]!.GetValue<string>()).Should().Equal($"{first:yyyy-MM-dd}", $"{first.AddDays(1):yyyy-MM-dd}");
        both["items"]![1]!["devices"]!["peak"]!.GetValue<int>().Should().Be(2, "a new day starts from the use of that day");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await DisposeAsync();
    }

    private Task<(ReceivedMail Mail, string Stage)> NextWarningAsync(int seconds) => LicenseWarningMail.NextAsync(_smtp, seconds);

    private static bool IsExpiry(JsonNode alert, string state) =>
        alert["ruleName"]!.GetValue<string>() == "License expiring" && alert["state"]!.GetValue<string>().StartsWith(state, StringComparison.Ordinal);
}
