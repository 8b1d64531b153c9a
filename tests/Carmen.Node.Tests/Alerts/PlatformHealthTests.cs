using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Alerts;

/// <summary>
/// The built-in platform rules on a real node: its MQTT certificate runs out in three days, so a platform alert is
/// raised, while the node's backlog, history and store are healthy and raise nothing. Only platform admins see it.
/// </summary>
public sealed class PlatformHealthTests : IAsyncLifetime
{
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"carmen-health-{Guid.NewGuid():N}.pfx");
    private readonly CarmenApiFactory _factory;

    public PlatformHealthTests()
    {
        TestCertificates.WritePfx(_certificatePath, "CN=expiring.example", "health-test", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(3));
        _factory = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Mqtt:CertificatePath"] = _certificatePath,
                ["Carmen:Mqtt:CertificatePassword"] = "health-test",
                ["Carmen:Mqtt:TlsPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                ["Carmen:PlatformHealth:CheckInterval"] = "00:00:00.200",
            },
        };
    }

    [Fact]
    public async Task AnExpiringCertificateRaisesOnePlatformAlertThatPlatformAdminsWork()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(_factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

        JsonObject page = await admin.GetEventuallyAsync("/api/v1/platform/alerts", body => body["total"]!.GetValue<long>() > 0);
        await Task.Delay(1000); // five more checks: the same failing certificate raises nothing more
        JsonObject again = await admin.GetAsync("/api/v1/platform/alerts");
        string id = page["items"]![0]!["id"]!.GetValue<string>();
        JsonObject alert = await admin.GetAsync($"/api/v1/platform/alerts/{id}");
        JsonObject acknowledged = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/platform/alerts/{id}/acknowledge");
        HttpResponseMessage refused = await tenantAdmin.SendAsync(HttpMethod.Get, "/api/v1/platform/alerts");
        HttpResponseMessage tenantView = await tenantAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/alerts/{id}");

        again["total"]!.GetValue<long>().Should().Be(1, "only the certificate fails: the backlog, history lag and store checks pass on a healthy node");
        (alert["ruleName"]!.GetValue<string>(), alert["severity"]!.GetValue<string>(), alert["event"]!.GetValue<string>())
            .Should().Be(("Certificate expiring", "warning", "certificateExpiry"));
        alert["details"]!["summary"]!["value"]!.GetValue<string>().Should().Contain("CN=expiring.example").And.Contain("in 3");
        acknowledged["state"]!.GetValue<string>().Should().Be("activeAcknowledged");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        tenantView.StatusCode.Should().Be(HttpStatusCode.NotFound, "a platform alert is no tenant's");
    }

    [Fact]
    public async Task PlatformAdminsGiveThePlatformItsOwnChannelsAndEscalationPath()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(_factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

        HttpResponseMessage created = await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/notification-channels",
            new { type = "webhook", name = "Platform pager", url = "https://pager.example/hooks/carmen" });
        long channel = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        JsonObject path = await admin.SendOkAsync(HttpMethod.Post, "/api/v1/platform/escalation-paths",
            new { name = "Platform on call", levels = new[] { new { delayMinutes = 0, channelIds = new[] { channel } } }, renotifyMinutes = 30 });
        JsonObject set = await admin.SendOkAsync(HttpMethod.Put, "/api/v1/platform/health-settings", new { escalationPathId = path["id"]!.GetValue<long>() });
        HttpResponseMessage unknownPath = await admin.SendAsync(HttpMethod.Put, "/api/v1/platform/health-settings", new { escalationPathId = 999 });
        HttpResponseMessage tenantsChannel = await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/notification-channels/{channel}");
        HttpResponseMessage refused = await tenantAdmin.SendAsync(HttpMethod.Get, "/api/v1/platform/notification-channels");

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be($"/api/v1/platform/notification-channels/{channel}");
        set["escalationPathId"]!.GetValue<long>().Should().Be(path["id"]!.GetValue<long>());
        (await admin.GetAsync("/api/v1/platform/health-settings"))["escalationPathId"]!.GetValue<long>().Should().Be(path["id"]!.GetValue<long>());
        await unknownPath.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "escalationPathId");
        tenantsChannel.StatusCode.Should().Be(HttpStatusCode.NotFound, "the platform's channels are no tenant's");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        File.Delete(_certificatePath);
    }
}
