using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Licenses;

/// <summary>
/// Renewal without a gap on a moved clock: the renewed license grants until its renewal starts, then the renewal
/// alone (never both); a tenant's renewal request closes itself when the renewal is installed, or is declined.
/// </summary>
public sealed class LicenseRenewalTests : MovedClockHost
{
    public LicenseRenewalTests()
        : base(clock => new CarmenApiFactory { LicenseClock = clock })
    {
    }

    [Fact]
    public async Task ARenewalTakesOverAtItsStartWithoutAGapAndClosesTheTenantsRequest()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(Factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);
        DateTimeOffset start = Clock.GetUtcNow();
        string first = (await LicenseTests.IssueAsync(admin, tenant, new { devices = 5 }, validFrom: start, days: 10))["license"]!["id"]!.GetValue<string>();
        JsonObject filed = await tenantAdmin.SendOkAsync(HttpMethod.Post, $"{api}/license-renewal-requests", new { licenseId = first, note = "Another year, 8 devices" });
        JsonObject seen = (await admin.GetAsync("/api/v1/platform/license-renewal-requests?status=open"))["items"]!.AsArray()
            .Single(request => request!["tenantId"]!.GetValue<string>() == tenant)!.AsObject();

        JsonObject renewal = (await admin.SendOkAsync(HttpMethod.Post, "/api/v1/platform/licenses", new
        {
            tenantId = tenant, plan = "Renewed", entitlements = new { devices = 8 }, validFrom = start.AddDays(10), validUntil = start.AddDays(375), renews = first,
        }))["license"]!.AsObject();
        JsonObject before = await admin.GetAsync($"{api}/license-usage");
        Clock.Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        JsonObject lastMinute = await admin.GetAsync($"{api}/license-usage");
        Clock.Advance(TimeSpan.FromMinutes(2));
        JsonObject after = await admin.GetAsync($"{api}/license-usage");
        JsonObject renewed = await admin.GetAsync($"{api}/licenses/{first}");
        JsonObject closed = (await tenantAdmin.GetAsync($"{api}/license-renewal-requests"))["items"]![0]!.AsObject();

        seen["note"]!.GetValue<string>().Should().Be("Another year, 8 devices");
        seen["id"]!.GetValue<long>().Should().Be(filed["id"]!.GetValue<long>());
        renewal["renews"]!.GetValue<string>().Should().Be(first);
        before["devices"]!["entitled"]!.GetValue<int>().Should().Be(5, "the renewal has not started");
        lastMinute["devices"]!["entitled"]!.GetValue<int>().Should().Be(5);
        after["devices"]!["entitled"]!.GetValue<int>().Should().Be(8, "the renewal took over the moment the first license ended");
        renewed["renewedBy"]!.GetValue<string>().Should().Be(renewal["id"]!.GetValue<string>());
        renewed["history"]!.AsArray().Select(entry => entry!["kind"]!.GetValue<string>()).Should().Equal("installed", "renewed");
        renewed["history"]![1]!["detail"]!.GetValue<string>().Should().EndWith("no gap");
        closed["status"]!.GetValue<string>().Should().Be("fulfilled");
        closed["resolution"]!.GetValue<string>().Should().Be(renewal["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnEarlyRenewalReplacesRatherThanAddsAndUnknownRenewalsAreRefused()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        DateTimeOffset start = Clock.GetUtcNow();
        string first = (await LicenseTests.IssueAsync(admin, tenant, new { devices = 5 }, validFrom: start, days: 30))["license"]!["id"]!.GetValue<string>();

        await admin.SendOkAsync(HttpMethod.Post, "/api/v1/platform/licenses", new { tenantId = tenant, plan = "Upgrade", entitlements = new { devices = 20 }, validFrom = start, renews = first });
        JsonObject usage = await admin.GetAsync($"{api}/license-usage");
        HttpResponseMessage unknown = await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/licenses", new { tenantId = tenant, plan = "Lost", entitlements = new { devices = 1 }, renews = "no-such-license" });
        string filed = (await admin.SendOkAsync(HttpMethod.Post, $"{api}/license-renewal-requests", new { note = "A second site" }))["id"]!.ToJsonString();
        JsonObject declined = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/platform/license-renewal-requests/{filed}/decline", new { reason = "Order the site add-on instead" });

        usage["devices"]!["entitled"]!.GetValue<int>().Should().Be(20, "the upgrade replaces the first license, it does not add to it");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "renews");
        declined["status"]!.GetValue<string>().Should().Be("declined");
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/platform/license-renewal-requests/{filed}/decline", new { reason = "again" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
