using System.Net;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Support;

/// <summary>
/// Support tickets over the API: opened by a tenant's user about a device (kept with its state and latest telemetry
/// as they were), answered by the support side with internal notes the tenant never sees, seen only by those who read
/// tickets where its devices are (or who opened it), and never from another tenant.
/// </summary>
public sealed class TicketTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task AnOperatorOpensATicketAboutItsDeviceAndTheSupportSideAnswersIt()
    {
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(factory, "pump-1");
        await using (DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token))
        {
            await device.PublishAsync("v1/devices/me/telemetry", """{"ts":1765000000000,"values":{"pressure":4.5}}""");
        }

        await admin.CreateUserAsync(tenant, $"{tenant}-ann", "operator");
        using CarmenClient ann = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-ann", CarmenClient.UserPassword);
        string tickets = $"/api/v1/tenants/{tenant}/tickets";

        JsonObject opened = await ann.SendOkAsync(HttpMethod.Post, tickets, new
        {
            subject = "Pump pressure drops", description = "Every night at 2 am.", priority = "high", category = "hardware", deviceIds = new[] { "pump-1" },
        });
        long id = opened["id"]!.GetValue<long>();
        opened["status"]!.GetValue<string>().Should().Be("new");
        opened["requester"]!["name"]!.GetValue<string>().Should().Be($"{tenant}-ann");
        JsonObject snapshot = opened["devices"]!.AsArray().Single()!.AsObject();
        snapshot["clusterId"]!.GetValue<string>().Should().Be("c1");
        snapshot["latestTelemetry"]!["pressure"]!["value"]!.GetValue<double>().Should().Be(4.5);
        snapshot["latestTelemetry"]!["pressure"]!["ts"]!.GetValue<long>().Should().Be(1765000000000);

        await admin.SendOkAsync(HttpMethod.Post, $"{tickets}/{id}/replies", new { body = "Probably the valve firmware.", @internal = true });
        JsonObject answered = await admin.SendOkAsync(HttpMethod.Post, $"{tickets}/{id}/replies", new { body = "Which firmware does it run?" });
        answered["status"]!.GetValue<string>().Should().Be("open");
        answered["firstResponseAt"].Should().NotBeNull();
        answered["replies"]!.AsArray().Should().HaveCount(2, "the support side sees its internal note");
        await admin.SendOkAsync(HttpMethod.Post, $"{tickets}/{id}/status", new { status = "pending" });

        JsonObject seenByAnn = await ann.GetAsync($"{tickets}/{id}");
        seenByAnn["replies"]!.AsArray().Should().ContainSingle("the internal note stays with the support side")
            .Which!["body"]!.GetValue<string>().Should().Be("Which firmware does it run?");
        JsonObject replied = await ann.SendOkAsync(HttpMethod.Post, $"{tickets}/{id}/replies", new { body = "2.1.0" });
        replied["status"]!.GetValue<string>().Should().Be("open", "the requester answered what support waited for");
        await (await ann.SendAsync(HttpMethod.Post, $"{tickets}/{id}/replies", new { body = "secret", @internal = true }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "internal");
        await (await ann.SendAsync(HttpMethod.Post, $"{tickets}/{id}/status", new { status = "onHold" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await ann.SendOkAsync(HttpMethod.Post, $"{tickets}/{id}/status", new { status = "solved" }))["status"]!.GetValue<string>().Should().Be("solved");

        (await ann.GetAsync($"{tickets}?status=solved"))["items"]!.AsArray().Select(line => line!["id"]!.GetValue<long>()).Should().Equal(id);
        (await ann.GetAsync($"{tickets}?status=open"))["items"]!.AsArray().Should().BeEmpty();
        JsonArray queue = (await admin.GetAsync($"/api/v1/support/tickets?tenantId={tenant}"))["items"]!.AsArray();
        queue.Single()!["tenantId"]!.GetValue<string>().Should().Be(tenant);
        await (await ann.SendAsync(HttpMethod.Get, "/api/v1/support/tickets")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BadTicketsAreRefusedNamingTheField()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient operatorOfC1 = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Cluster("c1"));
        string tickets = tenant.Path("/tickets");

        await (await operatorOfC1.SendAsync(HttpMethod.Post, tickets, new { description = "No subject" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "subject");
        await (await operatorOfC1.SendAsync(HttpMethod.Post, tickets, new { subject = "S", description = new string('x', 20_001) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "description");
        await (await operatorOfC1.SendAsync(HttpMethod.Post, tickets, new { subject = "S", description = "D", deviceIds = new[] { "d1", "nope" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "deviceIds[1]");
        JsonObject hidden = await (await operatorOfC1.SendAsync(HttpMethod.Post, tickets, new { subject = "S", description = "D", deviceIds = new[] { "d3" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "deviceIds[0]");
        hidden["detail"]!.GetValue<string>().Should().Contain("does not exist", "a device outside the caller's clusters is as unknown as a missing one");
        await (await operatorOfC1.SendAsync(HttpMethod.Post, tickets, new { subject = "S", description = "D", deviceIds = new[] { "d1", "d1" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "deviceIds[1]");
        await (await operatorOfC1.SendAsync(HttpMethod.Get, $"{tickets}?status=sleeping")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "status");
        (await tenant.Admin.GetAsync(tickets))["items"]!.AsArray().Should().BeEmpty("nothing refused was opened");
    }

    [Fact]
    public async Task ATicketIsSeenWhereItsDevicesAreReadAndNeverFromAnotherTenant()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient operatorOfC1 = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Cluster("c1"));
        using CarmenClient viewerOfC1 = await tenant.MemberAsync(factory, "reader", "viewer", ScopedTenant.Cluster("c1"));
        using CarmenClient viewerOfC2 = await tenant.MemberAsync(factory, "watcher", "viewer", ScopedTenant.Cluster("c2"));
        string tickets = tenant.Path("/tickets");
        long aboutD1 = (await operatorOfC1.SendOkAsync(HttpMethod.Post, tickets, new { subject = "d1 reboots", description = "D", deviceIds = new[] { "d1" } }))["id"]!.GetValue<long>();
        long general = (await operatorOfC1.SendOkAsync(HttpMethod.Post, tickets, new { subject = "How do I export?", description = "D" }))["id"]!.GetValue<long>();
        long adminsAboutD3 = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tickets, new { subject = "d3", description = "D", deviceIds = new[] { "d3" } }))["id"]!.GetValue<long>();

        Ids(await operatorOfC1.GetAsync(tickets)).Should().BeEquivalentTo([aboutD1, general], "its own, and those about its cluster's devices");
        Ids(await viewerOfC1.GetAsync(tickets)).Should().BeEquivalentTo([aboutD1]);
        Ids(await viewerOfC2.GetAsync(tickets)).Should().BeEmpty();
        Ids(await tenant.Admin.GetAsync(tickets)).Should().BeEquivalentTo([aboutD1, general, adminsAboutD3]);
        await (await viewerOfC2.SendAsync(HttpMethod.Get, $"{tickets}/{aboutD1}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await operatorOfC1.SendAsync(HttpMethod.Get, $"{tickets}/{adminsAboutD3}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await operatorOfC1.SendAsync(HttpMethod.Post, $"{tickets}/{adminsAboutD3}/replies", new { body = "me too" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await viewerOfC1.SendAsync(HttpMethod.Post, $"{tickets}/{aboutD1}/replies", new { body = "me too" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewerOfC1.SendAsync(HttpMethod.Post, tickets, new { subject = "S", description = "D" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        ScopedTenant other = await ScopedTenant.CreateAsync(factory);
        using CarmenClient otherAdmin = await CarmenClient.SignInAsync(factory, other.Id, $"{other.Id}-admin", CarmenClient.UserPassword);
        foreach ((HttpMethod method, string path, object? body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"{tickets}/{aboutD1}", null),
            (HttpMethod.Get, tickets, null),
            (HttpMethod.Post, $"{tickets}/{aboutD1}/replies", new { body = "hello" }),
            (HttpMethod.Post, $"{tickets}/{aboutD1}/status", new { status = "solved" }),
            (HttpMethod.Post, tickets, new { subject = "S", description = "D" }),
        })
        {
            (await otherAdmin.SendAsync(method, path, body)).StatusCode.Should().BeOneOf([HttpStatusCode.NotFound, HttpStatusCode.Forbidden], $"{method} {path} is another tenant's");
        }

        Ids(await otherAdmin.GetAsync(other.Path("/tickets"))).Should().BeEmpty("the same ticket ids in another tenant are other tickets");
        JsonObject untouched = await tenant.Admin.GetAsync($"{tickets}/{aboutD1}");
        untouched["replies"]!.AsArray().Should().BeEmpty();
        untouched["status"]!.GetValue<string>().Should().Be("new");
    }

    private static IEnumerable<long> Ids(JsonObject list) => list["items"]!.AsArray().Select(line => line!["id"]!.GetValue<long>());
}
