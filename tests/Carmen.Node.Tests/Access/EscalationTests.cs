using System.Net;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>Nobody grants more than they hold, nor acts on access above their own level; every refusal leaves access as it was.</summary>
public sealed class EscalationTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task BusinessUnitManagerGrantsWithinItsUnitAndNothingAbove()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient maria = await tenant.MemberAsync(factory, "maria", "businessUnitManager", ScopedTenant.Unit("bu"));
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-new", "member");
        string user = $"{tenant.Id}-new";

        HttpResponseMessage granted = await maria.SendAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { userId = user, role = "operator", scope = ScopedTenant.Cluster("c1") });
        granted.StatusCode.Should().Be(HttpStatusCode.Created);

        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { userId = user, role = "tenantAdmin", scope = ScopedTenant.Unit("bu") }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { userId = user, role = "operator", scope = ScopedTenant.Tenant }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { userId = user, role = "operator", scope = ScopedTenant.Unit("bu2") }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "scope.id");
        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/roles"), new { id = "unit-crew", name = "Unit crew", permissions = new[] { "devices.read" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden); // roles are the tenant's: defined by who manages access tenant-wide
        (await tenant.Admin.GetAsync(tenant.Path($"/role-assignments?userId={user}")))["items"]!.AsArray()
            .Select(assignment => assignment!["role"]!.GetValue<string>()).Should().Equal("operator");
    }

    [Fact]
    public async Task OperatorCannotGrantAtAllAndCannotMakeItselfAdministrator()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-otto", "operator");
        using CarmenClient otto = await CarmenClient.SignInAsync(factory, tenant.Id, $"{tenant.Id}-otto", CarmenClient.UserPassword);

        await (await otto.SendAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { userId = $"{tenant.Id}-otto", role = "tenantAdmin", scope = ScopedTenant.Tenant }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otto.SendAsync(HttpMethod.Patch, tenant.Path($"/users/{tenant.Id}-otto"), new { role = "tenantAdmin" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otto.SendAsync(HttpMethod.Post, tenant.Path("/roles"), new { id = "superuser", name = "Super", permissions = new[] { "access.manage" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await tenant.Admin.GetAsync(tenant.Path($"/role-assignments?userId={tenant.Id}-otto")))["items"]!.AsArray()
            .Select(assignment => assignment!["role"]!.GetValue<string>()).Should().Equal("operator");
    }

    [Fact]
    public async Task UserManagerWithoutTheRightsOfARoleCannotHandItOutThroughTheUsersRoute()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/roles"), new { id = "user-desk", name = "User desk", permissions = new[] { "users.manage", "access.manage", "devices.read", "alerts.read", "tickets.read" } });
        using CarmenClient desk = await tenant.MemberAsync(factory, "desk", "user-desk", ScopedTenant.Tenant);

        await desk.SendOkAsync(HttpMethod.Post, tenant.Path("/users"), new { username = $"{tenant.Id}-reader", password = CarmenClient.UserPassword, role = "viewer" });
        await (await desk.SendAsync(HttpMethod.Post, tenant.Path("/users"), new { username = $"{tenant.Id}-boss", password = CarmenClient.UserPassword, role = "tenantAdmin" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await desk.SendAsync(HttpMethod.Patch, tenant.Path($"/users/{tenant.Id}-admin"), new { role = "viewer" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await desk.SendAsync(HttpMethod.Delete, tenant.Path($"/users/{tenant.Id}-admin")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await tenant.Admin.GetAsync(tenant.Path("/users"))).ToJsonString().Should().NotContain($"{tenant.Id}-boss");
    }

    [Fact]
    public async Task ChangingACustomRoleChangesEveryAssignmentOfIt()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/roles"), new { id = "line-watch", name = "Line watch", permissions = new[] { "devices.read" } });
        using CarmenClient lena = await tenant.MemberAsync(factory, "lena", "line-watch", ScopedTenant.Cluster("c1"));
        await (await lena.SendAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { name = "Not yet" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/roles/line-watch"), new { name = "Line crew", permissions = new[] { "devices.read", "devices.write" } });

        await lena.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { name = "Now allowed" });
        await (await tenant.Admin.SendAsync(HttpMethod.Delete, tenant.Path("/roles/line-watch"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await tenant.Admin.SendAsync(HttpMethod.Put, tenant.Path("/roles/operator"), new { name = "Mine", permissions = new[] { "devices.read" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await tenant.Admin.SendAsync(HttpMethod.Post, tenant.Path("/roles"), new { id = "typo", name = "Typo", permissions = new[] { "devices.reed" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "permissions");
    }

    [Fact]
    public async Task WhoHasAccessShowsDirectAndInheritedHoldersAndEveryChangeIsRecorded()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient ana = await tenant.MemberAsync(factory, "ana", "operator", ScopedTenant.Unit("bu"));
        await tenant.AssignAsync($"{tenant.Id}-ana", "viewer", ScopedTenant.Cluster("c1"));

        var holders = (await tenant.Admin.GetAsync(tenant.Path("/access?scopeType=cluster&scopeId=c1")))["items"]!.AsArray();

        holders.Select(holder => (holder!["userId"]!.GetValue<string>(), holder["role"]!.GetValue<string>(), holder["inherited"]!.GetValue<bool>()))
            .Should().BeEquivalentTo(new[] { ($"{tenant.Id}-ana", "viewer", false), ($"{tenant.Id}-ana", "operator", true), ($"{tenant.Id}-admin", "tenantAdmin", true) });
        var changes = (await tenant.Admin.GetAsync(tenant.Path($"/access-changes?userId={tenant.Id}-ana")))["items"]!.AsArray();
        changes.Select(change => change!["kind"]!.GetValue<string>()).Should().Equal("granted", "granted", "userRoleChanged");
        changes[0]!["by"]!.GetValue<string>().Should().Be("admin");
        await (await ana.SendAsync(HttpMethod.Get, tenant.Path("/access?scopeType=cluster&scopeId=c1"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await ana.GetAsync(tenant.Path($"/users/{tenant.Id}-ana/permissions?scopeType=cluster&scopeId=c1")))["permissions"]!.AsArray()
            .Select(name => name!.GetValue<string>()).Should().Contain(["devices.write", "alerts.acknowledge"]);
    }

    [Fact]
    public async Task CatalogueListsEveryPermissionWithTheBuiltInRolesHoldingIt()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);

        var catalogue = (await admin.GetAsync("/api/v1/permissions"))["items"]!.AsArray();

        catalogue.Select(permission => permission!["name"]!.GetValue<string>()).Should().Contain(["devices.read", "rollouts.approve", "access.manage"]);
        catalogue.Single(permission => permission!["name"]!.GetValue<string>() == "rollouts.approve")!["builtInRoles"]!.AsArray()
            .Select(role => role!.GetValue<string>()).Should().Contain(["tenantAdmin", "approver"]).And.NotContain("operator");
    }
}
