using System.Net;
using Carmen.Node.Tests.Rollouts;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>Rights are the union of the assignments on a resource's path: a business unit's apply to its clusters and devices unless made for that node only.</summary>
public sealed class InheritanceTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task OperatorOfABusinessUnitWorksTheDevicesOfItsClustersAndNoOthers()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient ana = await tenant.MemberAsync(factory, "ana", "operator", ScopedTenant.Unit("bu"));

        (await ana.GetAsync(tenant.Path("/devices")))["items"]!.AsArray().Select(device => device!["id"]!.GetValue<string>())
            .Should().Equal("d1", "d2");
        await ana.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d2"), new { name = "Renamed by ana" });
        await (await ana.SendAsync(HttpMethod.Get, tenant.Path("/devices/d3"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await ana.SendAsync(HttpMethod.Patch, tenant.Path("/devices/d3"), new { name = "Hijacked" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await tenant.Admin.GetAsync(tenant.Path("/devices/d3")))["name"]!.GetValue<string>().Should().Be("Device d3");
    }

    [Fact]
    public async Task AssignmentMadeForTheBusinessUnitOnlyGivesNothingOnItsDevices()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient ben = await tenant.MemberAsync(factory, "ben", "operator", ScopedTenant.Unit("bu"), propagate: false);

        (await ben.GetAsync(tenant.Path("/devices")))["total"]!.GetValue<long>().Should().Be(0);
        await (await ben.SendAsync(HttpMethod.Get, tenant.Path("/devices/d1"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ben.GetAsync(tenant.Path("/business-units")))["items"]!.AsArray().Select(unit => unit!["id"]!.GetValue<string>())
            .Should().Equal("bu");
        JsonAssertPermissions(await ben.GetAsync(tenant.Path($"/users/{tenant.Id}-ben/permissions?scopeType=businessUnit&scopeId=bu")), "devices.read", "devices.write");
        (await ben.GetAsync(tenant.Path($"/users/{tenant.Id}-ben/permissions?scopeType=cluster&scopeId=c1")))["permissions"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ClusterViewerAndBusinessUnitOperatorCombine()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient cara = await tenant.MemberAsync(factory, "cara", "viewer", ScopedTenant.Cluster("c3"));
        await tenant.AssignAsync($"{tenant.Id}-cara", "operator", ScopedTenant.Cluster("c1"));

        (await cara.GetAsync(tenant.Path("/devices")))["items"]!.AsArray().Select(device => device!["id"]!.GetValue<string>())
            .Should().Equal("d1", "d3");
        await cara.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { name = "Mine to change" });
        await (await cara.SendAsync(HttpMethod.Patch, tenant.Path("/devices/d3"), new { name = "Only mine to read" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await cara.SendAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { clusterId = "c3" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await cara.GetAsync(tenant.Path("/business-units")))["items"]!.AsArray().Select(unit => unit!["id"]!.GetValue<string>())
            .Should().Equal("bu", "bu2");
        (await cara.GetAsync(tenant.Path("/business-units/bu/clusters")))["items"]!.AsArray().Select(cluster => cluster!["id"]!.GetValue<string>())
            .Should().Equal("c1");
    }

    [Fact]
    public async Task FlatRolesOfExistingUsersAreTenantWideAssignments()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-olga", "operator");

        var assignments = (await tenant.Admin.GetAsync(tenant.Path($"/role-assignments?userId={tenant.Id}-olga")))["items"]!.AsArray();

        assignments.Should().ContainSingle();
        assignments[0]!["role"]!.GetValue<string>().Should().Be("operator");
        assignments[0]!["scope"]!["type"]!.GetValue<string>().Should().Be("tenant");
        assignments[0]!["fromUserRole"]!.GetValue<bool>().Should().BeTrue();
        using CarmenClient olga = await CarmenClient.SignInAsync(factory, tenant.Id, $"{tenant.Id}-olga", CarmenClient.UserPassword);
        (await olga.GetAsync(tenant.Path("/devices")))["total"]!.GetValue<long>().Should().Be(3);
        await (await olga.SendAsync(HttpMethod.Post, tenant.Path("/business-units"), new { name = "Not mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RolloutsAreListedAndDrivenOnlyWhereTheyTarget()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        long setId = await RolloutSetup.CreateSetAsync(tenant.Admin, tenant.Id, "2.0.0");
        long inside = await CreateRolloutAsync(tenant, setId, "c1");
        long outside = await CreateRolloutAsync(tenant, setId, "c3");
        using CarmenClient dora = await tenant.MemberAsync(factory, "dora", "operator", ScopedTenant.Cluster("c1"));

        (await dora.GetAsync(tenant.Path("/rollouts")))["items"]!.AsArray().Select(rollout => rollout!["id"]!.GetValue<long>()).Should().Equal(inside);
        await (await dora.SendAsync(HttpMethod.Get, tenant.Path($"/rollouts/{outside}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await dora.SendAsync(HttpMethod.Post, tenant.Path($"/rollouts/{outside}/cancel"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await dora.SendAsync(HttpMethod.Post, tenant.Path("/rollouts"), RolloutBody(setId, null))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await dora.SendOkAsync(HttpMethod.Post, tenant.Path("/rollouts"), RolloutBody(setId, "c1"));
    }

    private static async Task<long> CreateRolloutAsync(ScopedTenant tenant, long setId, string clusterId) =>
        (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/rollouts"), RolloutBody(setId, clusterId)))["id"]!.GetValue<long>();

    private static object RolloutBody(long setId, string? clusterId) => new
    {
        name = $"Rollout to {clusterId ?? "everyone"}",
        distributionSetId = setId,
        targetFilter = clusterId is null ? null : new { clusterId },
        groups = new object[] { new { percentage = 100 } },
    };

    private static void JsonAssertPermissions(System.Text.Json.Nodes.JsonObject answer, params string[] expected) =>
        answer["permissions"]!.AsArray().Select(name => name!.GetValue<string>()).Should().Contain(expected);
}
