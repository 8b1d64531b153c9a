using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Support;

/// <summary>Calendars and SLA policies over the API: validated field by field, the platform's alone, and shown on each ticket of the tenants they cover.</summary>
public sealed class SlaPolicyApiTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task APolicyForATenantShowsOnItsTicketsWithEachTarget()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string calendar = $"office-{tenant}";
        JsonObject created = await admin.SendOkAsync(HttpMethod.Post, "/api/v1/platform/calendars", new
        {
            id = calendar, name = "Office", timeZone = "Europe/Berlin",
            workingHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, from = "09:00", to = "17:00" }),
            holidays = new[] { "2026-12-25", "2026-12-24", "2026-12-25" },
        });
        created["holidays"]!.AsArray().Select(day => day!.GetValue<string>()).Should().Equal("2026-12-24", "2026-12-25");
        await admin.SendOkAsync(HttpMethod.Post, "/api/v1/platform/sla-policies", new
        {
            id = $"gold-{tenant}", name = "Gold", calendarId = calendar, tenantIds = new[] { tenant },
            targets = new { urgent = new { firstResponseMinutes = 60, resolutionMinutes = 480 }, normal = new { firstResponseMinutes = 480 } },
        });
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

        JsonObject ticket = await tenantAdmin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/tickets", new { subject = "Down", description = "All of it.", priority = "urgent" });

        JsonObject sla = ticket["sla"]!.AsObject();
        sla["policyId"]!.GetValue<string>().Should().Be($"gold-{tenant}");
        sla["firstResponse"]!["goalMinutes"]!.GetValue<double>().Should().Be(60);
        sla["firstResponse"]!["state"]!.GetValue<string>().Should().Be("active");
        sla["resolution"]!["goalMinutes"]!.GetValue<double>().Should().Be(480);
        sla["nextResponse"].Should().BeNull("the policy sets no next-response target for urgent tickets");
        (await admin.GetAsync("/api/v1/platform/sla-policies"))["items"]!.AsArray().Select(policy => policy!["id"]!.GetValue<string>()).Should().Contain($"gold-{tenant}");
        await (await tenantAdmin.SendAsync(HttpMethod.Get, "/api/v1/platform/calendars")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await tenantAdmin.SendAsync(HttpMethod.Post, "/api/v1/platform/sla-policies", new { id = "mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/platform/calendars/{calendar}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadCalendarsAndPoliciesAreRefusedNamingTheField()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        object Stretch(string day, string from, string to) => new { day, from, to };

        await (await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/calendars", new { id = "cal-a", name = "A", timeZone = "Europe/Berlin", workingHours = new[] { Stretch("someday", "09:00", "17:00") } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "workingHours[0].day");
        await (await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/calendars", new { id = "cal-a", name = "A", timeZone = "Europe/Berlin", workingHours = new[] { Stretch("monday", "9am", "17:00") } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "workingHours[0].from");
        await (await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/calendars", new { id = "cal-a", name = "A", timeZone = "Europe/Berlin", workingHours = new[] { Stretch("monday", "17:00", "09:00") } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "workingHours[0].to");
        await (await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/calendars", new { id = "cal-a", name = "A", timeZone = "Nowhere/Land", workingHours = new[] { Stretch("monday", "09:00", "17:00") } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "timeZone");
        await (await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/sla-policies", new { id = "pol-a", name = "A", calendarId = "cal-none", targets = new { low = new { firstResponseMinutes = 60 } }, tenantIds = new[] { "t-x" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "calendarId");
        await (await admin.SendAsync(HttpMethod.Post, "/api/v1/platform/sla-policies", new { id = "pol-a", name = "A", calendarId = "cal-none", targets = new Dictionary<string, object> { ["critical"] = new { firstResponseMinutes = 60 } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "targets.critical");
        (await admin.GetAsync("/api/v1/platform/calendars"))["items"]!.AsArray().Select(calendar => calendar!["id"]!.GetValue<string>()).Should().NotContain("cal-a");
    }
}
