using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>A service account's API key through its whole life: shown once, used within the account's roles, seen by its last use, revoked at once.</summary>
public sealed class ApiKeyTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task KeyActsWithinItsAccountsRolesAndStopsTheMomentItIsRevoked()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        ScopedTenant other = await ScopedTenant.CreateAsync(factory);
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "Line 1 exporter" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "operator", scope = ScopedTenant.Cluster("c1") });
        JsonObject created = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "nightly export" });
        string key = created["key"]!.GetValue<string>();
        using CarmenClient automation = WithKey(key);

        JsonObject devices = await automation.GetAsync(tenant.Path("/devices"));
        HttpResponseMessage outside = await automation.SendAsync(HttpMethod.Get, tenant.Path("/devices/d3"));
        HttpResponseMessage otherTenant = await automation.SendAsync(HttpMethod.Get, other.Path("/devices"));
        HttpResponseMessage platform = await automation.SendAsync(HttpMethod.Get, "/api/v1/tenants");
        var listed = (await tenant.Admin.GetAsync(tenant.Path($"/service-accounts/{account}/keys")))["items"]!.AsArray();
        await tenant.Admin.SendOkAsync(HttpMethod.Delete, tenant.Path($"/service-accounts/{account}/keys/{created["id"]}"));
        HttpResponseMessage afterRevoke = await automation.SendAsync(HttpMethod.Get, tenant.Path("/devices"));

        key.Should().StartWith(created["prefix"]!.GetValue<string>() + "_").And.StartWith("carmen_");
        devices["items"]!.AsArray().Select(device => device!["id"]!.GetValue<string>()).Should().Equal("d1");
        await outside.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await otherTenant.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        platform.StatusCode.Should().Be(HttpStatusCode.OK, "the tenant list shows the key's own tenant");
        listed.Should().ContainSingle();
        listed.ToJsonString().Should().NotContain(key[^20..], "the key is shown once, when it is made");
        listed[0]!["lastUsedAt"].Should().NotBeNull();
        afterRevoke.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await tenant.Admin.GetAsync(tenant.Path("/role-assignments")))["items"]!.AsArray()
            .Should().Contain(assignment => assignment!["serviceAccountId"] != null && assignment["serviceAccountId"]!.GetValue<string>() == account);
    }

    [Fact]
    public async Task ExpiredMangledAndForeignKeysAreRefusedAndDeletingTheAccountRevokesItsKeys()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "Reporter" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        string key = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"),
            new { name = "report", expiresAt = DateTimeOffset.UtcNow.AddDays(1) }))["key"]!.GetValue<string>();

        await (await tenant.Admin.SendAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "late", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "expiresAt");
        (await WithKey(key).SendAsync(HttpMethod.Get, tenant.Path("/devices"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await WithKey(key[..^3] + "abc").SendAsync(HttpMethod.Get, tenant.Path("/devices"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await WithKey("carmen_not-a-key").SendAsync(HttpMethod.Get, tenant.Path("/devices"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await WithKey(key).SendAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "tenantAdmin", scope = ScopedTenant.Tenant }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "a viewer's key grants nothing");
        await tenant.Admin.SendOkAsync(HttpMethod.Delete, tenant.Path($"/service-accounts/{account}"));
        (await WithKey(key).SendAsync(HttpMethod.Get, tenant.Path("/devices"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await tenant.Admin.GetAsync(tenant.Path("/role-assignments"))).ToJsonString().Should().NotContain(account);
    }

    private CarmenClient WithKey(string key)
    {
        HttpClient http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new CarmenClient(http);
    }
}
