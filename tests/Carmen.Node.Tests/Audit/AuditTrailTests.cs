using System.Net;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Audit;

/// <summary>What the trail records of the API's changes, and who may read it.</summary>
public sealed class AuditTrailTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task ChangesAreRecordedWithTheFieldsTheyChangedBeforeAndAfterAndSecretsRedacted()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d1"), new { quarantined = true, name = "Press 1" });
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "exporter" }))["id"]!.GetValue<string>();
        JsonObject key = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "nightly" });
        await tenant.Admin.SendOkAsync(HttpMethod.Delete, tenant.Path($"/service-accounts/{account}/keys/{key["id"]}"));
        await tenant.Admin.GetAsync(tenant.Path("/devices"));

        JsonArray records = (await tenant.Admin.GetAsync(tenant.Path("/audit?limit=1000")))["records"]!.AsArray();
        JsonObject patch = Single(records, "PATCH /devices/{deviceId}");
        JsonObject created = Single(records, "POST /service-accounts/{serviceAccountId}/keys");
        JsonObject revoked = Single(records, "DELETE /service-accounts/{serviceAccountId}/keys/{keyId}");

        records.Select(record => record!["action"]!.GetValue<string>()).Should().NotContain(action => action.StartsWith("GET", StringComparison.Ordinal));
        patch["targetType"]!.GetValue<string>().Should().Be("devices");
        patch["targetId"]!.GetValue<string>().Should().Be("d1");
        patch["scope"]!.GetValue<string>().Should().Be("device:d1");
        patch["actor"]!["kind"]!.GetValue<string>().Should().Be("platformAdmin");
        Change(patch, "status").Should().Be(("\"registered\"", "\"quarantined\""));
        Change(patch, "name").Should().Be(("\"Device d1\"", "\"Press 1\""));
        patch["changes"]!.AsArray().Should().HaveCount(2, "fields the call left alone are not listed");
        created["targetType"]!.GetValue<string>().Should().Be("keys");
        created["targetId"]!.GetValue<string>().Should().Be(key["id"]!.GetValue<string>());
        Change(created, "key").After.Should().Be("\"[redacted]\"");
        created.ToJsonString().Should().NotContain(key["key"]!.GetValue<string>()[^20..], "a key is shown once, and never to the trail");
        revoked["targetId"]!.GetValue<string>().Should().Be(key["id"]!.GetValue<string>());
        records[0]!["previousHash"]!.GetValue<string>().Should().Be(records[1]!["hash"]!.GetValue<string>(), "newest first, each linked to the one before");
    }

    [Fact]
    public async Task AuditorsReadTheirTenantsTrailOnlyAndOperatorsNone()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        ScopedTenant other = await ScopedTenant.CreateAsync(factory);
        using CarmenClient auditor = await tenant.MemberAsync(factory, "auditor", "auditor", ScopedTenant.Tenant);
        using CarmenClient operatorOfCluster = await tenant.MemberAsync(factory, "operator", "operator", ScopedTenant.Cluster("c1"));
        using CarmenClient unitAuditor = await tenant.MemberAsync(factory, "unit-auditor", "auditor", ScopedTenant.Unit("bu"));

        JsonArray records = (await auditor.GetAsync(tenant.Path("/audit")))["records"]!.AsArray();
        JsonObject verified = await auditor.GetAsync(tenant.Path("/audit/verify"));

        records.Should().NotBeEmpty();
        records.Should().Contain(record => record!["action"]!.GetValue<string>() == "POST /role-assignments", "granting the auditor's own role is on record");
        verified["intact"]!.GetValue<bool>().Should().BeTrue();
        await (await auditor.SendAsync(HttpMethod.Get, other.Path("/audit"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await operatorOfCluster.SendAsync(HttpMethod.Get, tenant.Path("/audit"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await unitAuditor.SendAsync(HttpMethod.Get, tenant.Path("/audit"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.SendAsync(HttpMethod.Put, tenant.Path("/audit/retention"), new { days = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await auditor.SendAsync(HttpMethod.Get, "/api/v1/platform/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task FiltersFindRecordsByActorActionAndTarget()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient member = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Tenant);
        await member.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d2"), new { name = "Mixer" });
        await tenant.Admin.SendOkAsync(HttpMethod.Patch, tenant.Path("/devices/d3"), new { name = "Oven" });

        JsonArray byActor = (await tenant.Admin.GetAsync(tenant.Path($"/audit?actor={tenant.Id}-ops&source=api")))["records"]!.AsArray();
        JsonArray byTarget = (await tenant.Admin.GetAsync(tenant.Path("/audit?targetType=devices&targetId=d3")))["records"]!.AsArray();
        JsonObject firstPage = await tenant.Admin.GetAsync(tenant.Path("/audit?limit=2"));
        JsonObject secondPage = await tenant.Admin.GetAsync(tenant.Path($"/audit?limit=2&before={firstPage["nextBefore"]}"));

        byActor.Should().ContainSingle().Which!["targetId"]!.GetValue<string>().Should().Be("d2");
        byActor[0]!["actor"]!["kind"]!.GetValue<string>().Should().Be("user");
        byTarget.Select(record => record!["action"]!.GetValue<string>()).Should().Contain("PATCH /devices/{deviceId}");
        byTarget.Should().OnlyContain(record => record!["targetId"]!.GetValue<string>() == "d3");
        secondPage["records"]!.AsArray()[0]!["id"]!.GetValue<long>().Should().Be(firstPage["records"]!.AsArray()[1]!["id"]!.GetValue<long>() - 1);
        await (await tenant.Admin.SendAsync(HttpMethod.Get, tenant.Path("/audit?limit=0"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task PlatformChangesGoToThePlatformsTrail()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        JsonArray records = (await admin.GetAsync("/api/v1/platform/audit?targetType=tenants"))["records"]!.AsArray();
        HttpResponseMessage export = await admin.SendAsync(HttpMethod.Get, "/api/v1/platform/audit/export");
        JsonArray keys = JsonNode.Parse(await (await admin.SendAsync(HttpMethod.Get, "/api/v1/audit/keys")).Content.ReadAsStringAsync())!.AsArray();
        JsonObject verified = await admin.GetAsync("/api/v1/platform/audit/verify");

        records.Should().Contain(record => record!["targetId"]!.GetValue<string>() == tenant && record["action"]!.GetValue<string>() == "POST /tenants");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        keys.Should().NotBeEmpty("exporting signs the chain's tail, which makes the platform's key");
        keys[0]!["fingerprint"]!.GetValue<string>().Should().HaveLength(64);
        verified["intact"]!.GetValue<bool>().Should().BeTrue();
        verified["checkpoints"]!.GetValue<int>().Should().BeGreaterThan(0);
        verified["unsignedTail"]!.GetValue<long>().Should().Be(0);
    }

    private static JsonObject Single(JsonArray records, string action) =>
        records.Where(record => record!["action"]!.GetValue<string>() == action).Should().ContainSingle($"one {action} was made").Subject!.AsObject();

    private static (string? Before, string? After) Change(JsonObject record, string field)
    {
        JsonNode change = record["changes"]!.AsArray().Single(change => change!["field"]!.GetValue<string>() == field)!;
        return (change["before"]?.ToJsonString(), change["after"]?.ToJsonString());
    }
}
