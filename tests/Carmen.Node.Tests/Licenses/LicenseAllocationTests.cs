using System.Net;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Node.Tests.Alerts;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Licenses;

/// <summary>
/// A tenant's licensed devices and users shared out to business units: a unit never goes past its share (registration,
/// moves of devices and clusters, role assignments, invitations), units without one share the rest, and a decommissioned
/// device frees its seat.
/// </summary>
public sealed class LicenseAllocationTests(LoopbackReceiversHost host) : IClassFixture<LoopbackReceiversHost>
{
    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task ABusinessUnitStaysWithinItsShareAndTheOthersShareTheRest()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory); // d1 in c1 and d2 in c2 (unit bu), d3 in c3 (unit bu2)
        CarmenClient admin = tenant.Admin;
        await LicenseTests.IssueAsync(admin, tenant.Id, new { devices = 6, users = 10 });

        JsonArray set = (await admin.SendOkAsync(HttpMethod.Put, tenant.Path("/license-allocations"), new { businessUnits = new { bu = new { devices = 3, users = 1 } } }))["items"]!.AsArray();
        await admin.CreateDeviceAsync(tenant.Id, "e1", "c1");
        JsonObject unitFull = await (await admin.SendAsync(HttpMethod.Post, tenant.Path("/devices"), new { id = "e2", name = "e2", clusterId = "c2" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await admin.CreateDeviceAsync(tenant.Id, "f1", "c3");
        await admin.CreateDeviceAsync(tenant.Id, "f2", "c3");
        JsonObject restUsed = await (await admin.SendAsync(HttpMethod.Post, tenant.Path("/devices"), new { id = "f3", name = "f3", clusterId = "c3" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonObject moveIn = await (await admin.SendAsync(HttpMethod.Patch, tenant.Path("/devices/d3"), new { clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await admin.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { clusterId = "c2" }); // within its unit
        await admin.SendOkAsync(HttpMethod.Delete, tenant.Path("/devices/e1"));
        await admin.CreateDeviceAsync(tenant.Id, "e2", "c2"); // the seat e1 held
        JsonArray after = (await admin.GetAsync(tenant.Path("/license-allocations")))["items"]!.AsArray();

        set.Select(unit => unit!.ToJsonString()).Should().Equal(
            """{"businessUnitId":"bu","allocation":{"devices":3,"users":1},"devicesInService":2,"users":0}""",
            """{"businessUnitId":"bu2","devicesInService":1,"users":0}""");
        new[] { unitFull, restUsed, moveIn }.Select(problem => problem["entitlement"]!.GetValue<string>()).Should().Equal("devices", "devices", "devices");
        after.Select(unit => unit!["devicesInService"]!.GetValue<int>()).Should().Equal(3, 3);
        await (await admin.SendAsync(HttpMethod.Put, tenant.Path("/license-allocations"), new { businessUnits = new { bu = new { devices = 7 } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "businessUnits");
        await (await admin.SendAsync(HttpMethod.Put, tenant.Path("/license-allocations"), new { businessUnits = new { nope = new { devices = 1 } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "businessUnits.nope");
    }

    [Fact]
    public async Task AUnitsUserShareLimitsRolesAndInvitationsInIt()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        await LicenseTests.IssueAsync(tenant.Admin, tenant.Id, new { devices = 10, users = 10 });
        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/license-allocations"), new { businessUnits = new { bu = new { users = 1 } } });

        using CarmenClient alice = await tenant.MemberAsync(Factory, "alice", "operator", ScopedTenant.Unit("bu"));
        await tenant.AssignAsync($"{tenant.Id}-alice", "viewer", ScopedTenant.Cluster("c2")); // alice again: no new seat
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-bob", "member");
        JsonObject assignment = await (await tenant.Admin.SendAsync(HttpMethod.Post, tenant.Path("/role-assignments"),
            new { userId = $"{tenant.Id}-bob", role = "viewer", scope = ScopedTenant.Cluster("c1"), propagate = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonObject invitation = await (await tenant.Admin.SendAsync(HttpMethod.Post, tenant.Path("/invitations"),
            new { email = "carla@example.com", role = "viewer", scope = ScopedTenant.Unit("bu") })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await tenant.AssignAsync($"{tenant.Id}-bob", "viewer", ScopedTenant.Cluster("c3")); // bu2 has no share: fine

        assignment["entitlement"]!.GetValue<string>().Should().Be("users");
        invitation["entitlement"]!.GetValue<string>().Should().Be("users");
        (await tenant.Admin.GetAsync(tenant.Path("/license-allocations")))["items"]!.AsArray().Select(unit => unit!["users"]!.GetValue<int>()).Should().Equal(1, 1);
        using CarmenClient outsider = await CarmenClient.SignInAsync(Factory, await tenant.Admin.CreateTenantAsync() is var other ? other : "", $"{other}-admin", CarmenClient.UserPassword);
        (await outsider.SendAsync(HttpMethod.Put, tenant.Path("/license-allocations"), new { businessUnits = new { bu = new { users = 5 } } }))
            .StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MovingAClusterOrInvitingIntoAUnitCountsAgainstItsShare()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory); // bu: c1 (d1), c2 (d2); bu2: c3 (d3)
        CarmenClient admin = tenant.Admin;
        await LicenseTests.IssueAsync(admin, tenant.Id, new { devices = 6, users = 10 });
        await admin.SendOkAsync(HttpMethod.Put, tenant.Path("/license-allocations"), new { businessUnits = new { bu2 = new { devices = 1, users = 2 } } });
        await using var smtp = new SmtpReceiver(); // invitations are sent by mail
        await admin.SendOkAsync(HttpMethod.Put, tenant.Path("/settings/smtp"), new { host = "127.0.0.1", port = smtp.Port, security = "none", from = "carmen@example.com" });

        JsonObject tooMany = await (await admin.SendAsync(HttpMethod.Patch, tenant.Path("/business-units/bu/clusters/c1"), new { businessUnitId = "bu2" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await admin.SendOkAsync(HttpMethod.Put, tenant.Path("/license-allocations"), new { businessUnits = new { bu2 = new { devices = 2, users = 2 } } });
        await admin.SendOkAsync(HttpMethod.Patch, tenant.Path("/business-units/bu/clusters/c1"), new { businessUnitId = "bu2" });
        await admin.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "pia@example.com", role = "viewer", scope = ScopedTenant.Unit("bu2") });
        await admin.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "ole@example.com", role = "viewer", scope = ScopedTenant.Cluster("c3") });
        JsonObject third = await (await admin.SendAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "eva@example.com", role = "viewer", scope = ScopedTenant.Cluster("c1") }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await admin.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "eva@example.com", role = "viewer", scope = ScopedTenant.Unit("bu") }); // bu has no share

        tooMany["entitlement"]!.GetValue<string>().Should().Be("devices");
        tooMany["detail"]!.GetValue<string>().Should().Contain("room for 0");
        third["entitlement"]!.GetValue<string>().Should().Be("users");
        third["detail"]!.GetValue<string>().Should().Contain("2 invitation(s) to it are pending");
        (await admin.GetAsync(tenant.Path("/license-allocations")))["items"]!.AsArray().Select(unit => unit!["devicesInService"]!.GetValue<int>()).Should().Equal(1, 2);
    }

    [Fact]
    public async Task TodaysPeakIsTheMostInUseAtAnyAdmissionNotOnlyAtAChecksMoment()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory); // d1, d2, d3
        CarmenClient admin = tenant.Admin;
        await LicenseTests.IssueAsync(admin, tenant.Id, new { devices = 10, users = 10 });
        string today = $"{DateTimeOffset.UtcNow.UtcDateTime:yyyy-MM-dd}";

        await admin.CreateDeviceAsync(tenant.Id, "d4", "c1");
        await admin.CreateDeviceAsync(tenant.Id, "d5", "c1");
        await admin.SendOkAsync(HttpMethod.Delete, tenant.Path("/devices/d4"));
        await admin.SendOkAsync(HttpMethod.Delete, tenant.Path("/devices/d5"));
        JsonObject history = await admin.GetAsync(tenant.Path($"/license-usage/history?from={today}&to={today}")); // no periodic check ran in between

        history["items"]!.AsArray().Single()!["devices"]!.ToJsonString().Should().Be("""{"entitled":10,"peak":5,"last":3}""");
    }
}
