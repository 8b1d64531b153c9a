using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>Configuring a tenant's OpenID Connect providers: secrets never shown, issuers checked, email domains owned by one tenant, mappings within the configurer's rights.</summary>
public sealed class IdentityProviderTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task ProviderIsStoredWithoutShowingItsSecretAndItsDomainBelongsToOneTenant()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        ScopedTenant other = await ScopedTenant.CreateAsync(factory);

        JsonObject stored = await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/identity-providers/corp"), Provider("https://login.example.com/realms/acme", $"{tenant.Id}.example"));
        JsonObject kept = await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/identity-providers/corp"), Provider("https://login.example.com/realms/acme", $"{tenant.Id}.example", secret: null));
        HttpResponseMessage taken = await other.Admin.SendAsync(HttpMethod.Put, other.Path("/identity-providers/corp"), Provider("https://login.example.com/realms/other", $"{tenant.Id}.example"));
        JsonObject discovered = await tenant.Admin.GetAsync($"/api/v1/auth/sso/discover?email=someone@{tenant.Id}.example");

        stored.ToJsonString().Should().NotContain("s3cret-value");
        kept["loginUrl"]!.GetValue<string>().Should().EndWith($"/api/v1/auth/sso/{tenant.Id}/corp/login");
        await taken.ShouldBeProblemAsync(HttpStatusCode.Conflict, "emailDomains");
        (discovered["tenantId"]!.GetValue<string>(), discovered["providerId"]!.GetValue<string>()).Should().Be((tenant.Id, "corp"));
        (await tenant.Admin.GetAsync(tenant.Path("/identity-providers"))).ToJsonString().Should().NotContain("s3cret-value");
    }

    [Fact]
    public async Task IssuersMustBePublicHttpsAndMappingsStayWithinTheConfigurersRights()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/roles"), new { id = "sso-admin", name = "SSO admin", permissions = new[] { "access.manage", "devices.read" } });
        using CarmenClient sso = await tenant.MemberAsync(factory, "sso", "sso-admin", ScopedTenant.Tenant);

        await (await tenant.Admin.SendAsync(HttpMethod.Put, tenant.Path("/identity-providers/corp"), Provider("http://login.example.com", "a.example")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "issuer");
        await (await sso.SendAsync(HttpMethod.Put, tenant.Path("/identity-providers/corp"), Provider("https://login.example.com", "b.example", role: "tenantAdmin")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await sso.SendAsync(HttpMethod.Put, tenant.Path("/identity-providers/corp"), Provider("https://login.example.com", "b.example", role: "nobody")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "roleMappings[0].role");
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/roles"), new { id = "reader", name = "Reader", permissions = new[] { "devices.read" } });
        (await sso.SendOkAsync(HttpMethod.Put, tenant.Path("/identity-providers/corp"), Provider("https://login.example.com", "b.example", role: "reader")))["roleMappings"]!
            .AsArray().Should().ContainSingle();
    }

    private static object Provider(string issuer, string domain, string? secret = "s3cret-value", string role = "operator") => new
    {
        type = "oidc",
        issuer,
        clientId = "carmen",
        clientSecret = secret,
        emailDomains = new[] { domain },
        roleMappings = new[] { new { claim = "groups", value = "ops", role, scope = new { type = "cluster", id = "c1" } } },
    };
}
