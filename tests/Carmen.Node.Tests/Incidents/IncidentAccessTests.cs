using System.Net;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Incidents;

/// <summary>
/// An incident acts only where its opener may: a device in a cluster the opener cannot change is "not found" and left
/// alone, whether named or filtered; an incident is seen only by those who read every cluster it touched, and never
/// from another tenant, whatever ids are named.
/// </summary>
public sealed class IncidentAccessTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task AClusterOperatorContainsOnlyItsClustersDevicesAndOthersDoNotSeeTheIncident()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient operatorOfC1 = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Cluster("c1"));
        using CarmenClient viewerOfC2 = await tenant.MemberAsync(factory, "watcher", "viewer", ScopedTenant.Cluster("c2"));

        long named = (await operatorOfC1.SendOkAsync(HttpMethod.Post, tenant.Path("/incidents"),
            new { title = "Named", devices = new[] { "d1", "d2" }, actions = new[] { "quarantine", "rotateTokens" } }))["id"]!.GetValue<long>();
        JsonObject contained = await operatorOfC1.GetEventuallyAsync(tenant.Path($"/incidents/{named}"), incident => incident["status"]!.GetValue<string>() == "contained");
        contained["progress"]!["contained"]!.GetValue<int>().Should().Be(1);
        contained["progress"]!["failed"]!.GetValue<int>().Should().Be(1);
        JsonArray devices = (await operatorOfC1.GetAsync(tenant.Path($"/incidents/{named}/devices?status=failed")))["items"]!.AsArray();
        devices.Single()!["steps"]!.AsArray().Should().OnlyContain(step => step!["detail"]!.GetValue<string>() == "the device does not exist");
        (await tenant.Admin.GetAsync(tenant.Path("/devices/d1")))["status"]!.GetValue<string>().Should().Be("isolated");
        (await tenant.Admin.GetAsync(tenant.Path("/devices/d2")))["status"]!.GetValue<string>().Should().Be("registered", "d2 is in c2, where the operator may do nothing");

        JsonObject filtered = await operatorOfC1.SendOkAsync(HttpMethod.Post, tenant.Path("/incidents"), new { title = "Everything I may touch", filter = new { }, actions = new[] { "disconnect" } });
        filtered["progress"]!["total"]!.GetValue<int>().Should().Be(1, "the filter finds only the devices of c1");

        await (await viewerOfC2.SendAsync(HttpMethod.Get, tenant.Path($"/incidents/{named}"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await viewerOfC2.GetAsync(tenant.Path("/incidents")))["items"]!.AsArray().Should().BeEmpty();
        await (await viewerOfC2.SendAsync(HttpMethod.Post, tenant.Path($"/incidents/{named}/release"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await tenant.Admin.GetAsync(tenant.Path("/incidents")))["items"]!.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task AnotherTenantNeitherSeesNorTouchesTheIncidentOrItsDevices()
    {
        ScopedTenant first = await ScopedTenant.CreateAsync(factory);
        ScopedTenant second = await ScopedTenant.CreateAsync(factory);
        long id = (await first.Admin.SendOkAsync(HttpMethod.Post, first.Path("/incidents"), new { title = "First's", devices = new[] { "d3" }, actions = new[] { "quarantine" } }))["id"]!.GetValue<long>();
        await first.Admin.GetEventuallyAsync(first.Path($"/incidents/{id}"), incident => incident["status"]!.GetValue<string>() == "contained");
        using CarmenClient secondAdmin = await CarmenClient.SignInAsync(factory, second.Id, $"{second.Id}-admin", CarmenClient.UserPassword);

        foreach (string path in new[] { $"/incidents/{id}", $"/incidents/{id}/devices", $"/incidents/{id}/export" })
        {
            (await secondAdmin.SendAsync(HttpMethod.Get, first.Path(path))).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        }

        (await secondAdmin.SendAsync(HttpMethod.Post, first.Path($"/incidents/{id}/release"))).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        long own = (await secondAdmin.SendOkAsync(HttpMethod.Post, second.Path("/incidents"), new { title = "Second's", devices = new[] { "d1" }, actions = new[] { "quarantine" } }))["id"]!.GetValue<long>();
        await secondAdmin.GetEventuallyAsync(second.Path($"/incidents/{own}"), incident => incident["status"]!.GetValue<string>() == "contained");
        (await first.Admin.GetAsync(first.Path("/devices/d1")))["status"]!.GetValue<string>().Should().Be("registered", "the same device id in another tenant is another device");
        (await first.Admin.GetAsync(first.Path($"/incidents/{id}")))["status"]!.GetValue<string>().Should().Be("contained");
    }
}
