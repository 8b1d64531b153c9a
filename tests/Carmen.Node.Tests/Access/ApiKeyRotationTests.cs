using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>Keys rotated with an overlap, and keys users make for themselves.</summary>
public sealed class ApiKeyRotationTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task RotatedKeyKeepsWorkingUntilTheOverlapEndsWhileItsSuccessorWorksAtOnce()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "exporter" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        JsonObject first = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "nightly" });
        string keys = tenant.Path($"/service-accounts/{account}/keys");

        JsonObject rotated = await tenant.Admin.SendOkAsync(HttpMethod.Post, $"{keys}/{first["id"]}/rotate", new { overlapHours = 2 });
        HttpResponseMessage oldKey = await WithKey(first["key"]!.GetValue<string>()).GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative));
        HttpResponseMessage newKey = await WithKey(rotated["key"]!["key"]!.GetValue<string>()).GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative));
        HttpResponseMessage again = await tenant.Admin.SendAsync(HttpMethod.Post, $"{keys}/{first["id"]}/rotate", new { });
        HttpResponseMessage tooLong = await tenant.Admin.SendAsync(HttpMethod.Post, $"{keys}/{rotated["key"]!["id"]}/rotate", new { overlapHours = 721 });

        rotated["key"]!["name"]!.GetValue<string>().Should().Be("nightly");
        rotated["previous"]!["replacedBy"]!.GetValue<string>().Should().Be(rotated["key"]!["id"]!.GetValue<string>());
        rotated["previous"]!["expiresAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(2), TimeSpan.FromMinutes(1));
        rotated["previous"]!["key"].Should().BeNull("the old key's secret is never shown again");
        oldKey.StatusCode.Should().Be(HttpStatusCode.OK, "the old key works through the overlap");
        newKey.StatusCode.Should().Be(HttpStatusCode.OK);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "overlapHours");
    }

    [Fact]
    public async Task UsersMakeKeysThatActAsThemAndDieWithTheirAccount()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient member = await tenant.MemberAsync(factory, "ana", "operator", ScopedTenant.Cluster("c1"));
        JsonObject created = await member.SendOkAsync(HttpMethod.Post, "/api/v1/auth/keys", new { name = "my scripts" });
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        HttpClient keyed = WithKey(created["key"]!.GetValue<string>());

        JsonObject devices = await new CarmenClient(keyed).GetAsync(tenant.Path("/devices"));
        HttpResponseMessage outside = await keyed.GetAsync(new Uri(tenant.Path("/devices/d3"), UriKind.Relative));
        HttpResponseMessage keyMakesKey = await keyed.PostAsync(new Uri("/api/v1/auth/keys", UriKind.Relative), JsonContent.Create(new { name = "nested" }));
        HttpResponseMessage platformKey = await admin.SendAsync(HttpMethod.Post, "/api/v1/auth/keys", new { name = "root" });
        JsonArray listed = JsonNode.Parse(await (await member.SendAsync(HttpMethod.Get, "/api/v1/auth/keys")).Content.ReadAsStringAsync())!.AsArray();
        JsonArray changes = (await tenant.Admin.GetAsync(tenant.Path("/audit?actor=" + $"{tenant.Id}-ana&source=api")))["records"]!.AsArray();
        await tenant.Admin.SendOkAsync(HttpMethod.Delete, tenant.Path($"/users/{tenant.Id}-ana"));
        HttpResponseMessage afterDelete = await keyed.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative));

        devices["items"]!.AsArray().Select(device => device!["id"]!.GetValue<string>()).Should().Equal("d1");
        outside.StatusCode.Should().Be(HttpStatusCode.NotFound);
        keyMakesKey.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await platformKey.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        listed.Should().ContainSingle().Which!["key"].Should().BeNull();
        changes.Should().Contain(record => record!["action"]!.GetValue<string>() == "POST /auth/keys" && record["actor"]!["kind"]!.GetValue<string>() == "user");
        afterDelete.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a user's keys are revoked with the account");
    }

    private HttpClient WithKey(string key)
    {
        HttpClient http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
