using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Api.Usage;
using Carmen.Node.Tests.Access;
using Carmen.Testing;
using Carmen.Testing.Node;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Usage;

/// <summary>Usage rollups add up to the calls made, per key, user, route group and status class, and show as metrics.</summary>
public sealed class ApiUsageTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task RollupsMatchTheCallsMadeByKeyUserRouteGroupAndStatusClass()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "poller" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        JsonObject key = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "k" });
        using CarmenClient operatorUser = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Tenant);
        using HttpClient keyed = factory.CreateClient();
        keyed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key["key"]!.GetValue<string>());
        await Flush(); // what the setup did is counted before this test's calls

        for (int i = 0; i < 7; i++)
        {
            (await keyed.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        for (int i = 0; i < 2; i++)
        {
            (await keyed.GetAsync(new Uri(tenant.Path("/devices/no-such-device"), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        for (int i = 0; i < 3; i++)
        {
            await operatorUser.GetAsync(tenant.Path("/alerts"));
        }

        await Flush();
        JsonObject byKey = await tenant.Admin.GetAsync(tenant.Path($"/api-usage?keyId={key["id"]}"));
        JsonObject byUser = await tenant.Admin.GetAsync(tenant.Path($"/api-usage?userId={tenant.Id}-ops"));
        JsonObject byDay = await tenant.Admin.GetAsync(tenant.Path("/api-usage?granularity=day"));
        string metrics = await factory.CreateMetricsClient().GetStringAsync(new Uri("/metrics", UriKind.Relative));

        byKey["requests"]!.GetValue<long>().Should().Be(9);
        byKey["byStatusClass"]!["2xx"]!.GetValue<long>().Should().Be(7);
        byKey["byStatusClass"]!["4xx"]!.GetValue<long>().Should().Be(2);
        byKey["buckets"]!.AsArray().Should().OnlyContain(bucket => bucket!["routeGroup"]!.GetValue<string>() == "devices" && bucket["principal"]!.GetValue<string>() == $"sa:{account}");
        byKey["bytesOut"]!.GetValue<long>().Should().BeGreaterThan(0);
        byKey["p95Ms"].Should().NotBeNull();
        byUser["requests"]!.GetValue<long>().Should().Be(3);
        byUser["buckets"]![0]!["routeGroup"]!.GetValue<string>().Should().Be("alerts");
        byDay["requests"]!.GetValue<long>().Should().BeGreaterThanOrEqualTo(12, "the day holds these calls and the setup's");
        metrics.Should().Contain($"carmen_api_requests_total{{").And.Contain($"tenant=\"{tenant.Id}\"");
        await (await tenant.Admin.SendAsync(HttpMethod.Get, tenant.Path("/api-usage?granularity=hour"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "granularity");
    }

    [Fact]
    public async Task IntegrationHealthShowsEachKeysErrorRateAndLatestFailures()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "sync" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        JsonObject busy = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "busy" });
        JsonObject idle = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "idle" });
        using HttpClient keyed = factory.CreateClient();
        keyed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", busy["key"]!.GetValue<string>());
        for (int i = 0; i < 3; i++)
        {
            await keyed.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative));
        }

        await keyed.GetAsync(new Uri(tenant.Path("/devices/missing-1"), UriKind.Relative));
        await keyed.GetAsync(new Uri(tenant.Path("/devices/missing-2"), UriKind.Relative));
        await Flush();

        JsonArray health = JsonNode.Parse(await (await tenant.Admin.SendAsync(HttpMethod.Get, tenant.Path("/integration-health"))).Content.ReadAsStringAsync())!.AsArray();
        JsonObject busyHealth = await Eventually.ReadAsync(
            async () => JsonNode.Parse(await (await tenant.Admin.SendAsync(HttpMethod.Get, tenant.Path("/integration-health"))).Content.ReadAsStringAsync())!
                .AsArray().Single(key => key!["keyId"]!.GetValue<string>() == busy["id"]!.GetValue<string>())!.AsObject(),
            key => key["recentErrors"]!.AsArray().Count == 2);

        busyHealth["requests24h"]!.GetValue<long>().Should().Be(5);
        busyHealth["clientErrorRate"]!.GetValue<double>().Should().Be(0.4);
        busyHealth["serverErrorRate"]!.GetValue<double>().Should().Be(0);
        busyHealth["recentErrors"]![0]!["request"]!.GetValue<string>().Should().EndWith("/devices/missing-2");
        busyHealth["recentErrors"]![0]!["status"]!.GetValue<int>().Should().Be(404);
        busyHealth["recentErrors"]![0]!["detail"]!.GetValue<string>().Should().Contain("missing-2");
        JsonNode idleHealth = health.Single(key => key!["keyId"]!.GetValue<string>() == idle["id"]!.GetValue<string>())!;
        (idleHealth["requests24h"]!.GetValue<long>(), idleHealth["unused"]!.GetValue<bool>()).Should().Be((0L, false), "made today, so not yet unused for 30 days");
        await (await tenant.Admin.SendAsync(HttpMethod.Get, tenant.Path("/integration-health?unusedDays=0"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unusedDays");
    }

    [Fact]
    public async Task PatternsTellWhoCalledAClustersResourcesAndHowOften()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "auditor-bot" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        JsonObject key = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "k" });
        using CarmenClient ops = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Cluster("c1"));
        using HttpClient keyed = factory.CreateClient();
        keyed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key["key"]!.GetValue<string>());

        for (int i = 0; i < 3; i++)
        {
            await ops.GetAsync(tenant.Path("/devices/d1"));
        }

        await ops.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { name = "Pump one" });
        (await ops.SendAsync(HttpMethod.Get, tenant.Path("/devices/d2"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (string path in new[] { "/devices/d1", "/devices/d1", "/devices/d2", "/devices?clusterId=c1" })
        {
            (await keyed.GetAsync(new Uri(tenant.Path(path), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await Flush();
        JsonArray c1 = (await tenant.Admin.GetAsync(tenant.Path("/security-events/patterns?clusterId=c1")))["clusterAccess"]!.AsArray();
        JsonArray c2 = (await tenant.Admin.GetAsync(tenant.Path("/security-events/patterns?clusterId=c2")))["clusterAccess"]!.AsArray();
        JsonArray c3 = (await tenant.Admin.GetAsync(tenant.Path("/security-events/patterns?clusterId=c3")))["clusterAccess"]!.AsArray();

        c1.Select(Caller).Should().Equal(($"{tenant.Id}-ops", null, 3L, 1L), ($"sa:{account}", key["id"]!.GetValue<string>(), 3L, 0L));
        c2.Select(Caller).Should().Equal([($"sa:{account}", key["id"]!.GetValue<string>(), 1L, 0L)], "the operator's refused read of d2 accessed nothing");
        c3.Should().BeEmpty();
    }

    private static (string, string?, long, long) Caller(JsonNode? caller) => (
        caller!["principal"]!.GetValue<string>(), caller["keyId"]?.GetValue<string>(), caller["reads"]!.GetValue<long>(), caller["changes"]!.GetValue<long>());

    private Task Flush() => factory.Services.GetRequiredService<ApiUsageFlusher>().FlushAsync(CancellationToken.None);
}
