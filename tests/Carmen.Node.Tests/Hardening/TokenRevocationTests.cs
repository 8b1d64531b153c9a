using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hardening;

/// <summary>A signed token ends with the user, the user's role, or the tenant it was issued for.</summary>
public sealed class TokenRevocationTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task DeletedUsersTokenCreatesNothing()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-gone", "tenantAdmin");
        using CarmenClient gone = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-gone", CarmenClient.UserPassword);

        await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/users/{tenant}-gone");
        HttpResponseMessage create = await gone.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/users",
            new { username = $"{tenant}-sneaky", password = "correct-horse-battery", role = "tenantAdmin" });

        create.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/users"))["items"]!.AsArray()
            .Select(user => user!["username"]!.GetValue<string>()).Should().NotContain($"{tenant}-sneaky");
    }

    [Fact]
    public async Task UserRecreatedAsViewerLosesTheAdminRightsOfItsOldToken()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-demoted", "tenantAdmin");
        using CarmenClient old = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-demoted", CarmenClient.UserPassword);

        await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/users/{tenant}-demoted");
        await admin.CreateUserAsync(tenant, $"{tenant}-demoted", "viewer");
        HttpResponseMessage withOldToken = await old.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { name = "Rogue" });
        using CarmenClient fresh = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-demoted", CarmenClient.UserPassword);

        withOldToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await fresh.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await fresh.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { name = "Rogue" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARoleChangeEndsTheTokensOfTheOldRole()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-lead", "tenantAdmin");
        using CarmenClient lead = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-lead", CarmenClient.UserPassword);

        JsonObject changed = await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/users/{tenant}-lead", new { role = "viewer" });
        HttpResponseMessage withOldToken = await lead.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices");
        using CarmenClient again = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-lead", CarmenClient.UserPassword);

        changed["role"]!.GetValue<string>().Should().Be("viewer");
        withOldToken.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await again.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { name = "Rogue" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await admin.SendAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/users/{tenant}-lead", new { role = "platformAdmin" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "role");
        (await admin.SendAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/users/nobody", new { role = "viewer" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APasswordResetByAnAdministratorEndsTokensAndLiftsTheLockout()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-forgetful", "operator");
        using CarmenClient forgetful = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-forgetful", CarmenClient.UserPassword);
        using HttpClient stranger = factory.CreateClient();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            await stranger.PostAsJsonAsync("/api/v1/auth/token", new { tenant, username = $"{tenant}-forgetful", password = "not-it-" + attempt });
        }

        await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/users/{tenant}-forgetful", new { password = "violet-harbour-engine" });

        (await forgetful.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using CarmenClient fresh = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-forgetful", "violet-harbour-engine");
        await (await admin.SendAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/users/{tenant}-forgetful", new { password = "password" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task ChangingOnesOwnPasswordEndsEveryOtherTokenAndReturnsAFreshOne()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-careful", "operator");
        using CarmenClient laptop = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-careful", CarmenClient.UserPassword);
        using CarmenClient phone = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-careful", CarmenClient.UserPassword);

        await (await laptop.SendAsync(HttpMethod.Post, "/api/v1/auth/password", new { currentPassword = "not-the-password", newPassword = "quiet-meadow-lantern" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "currentPassword");
        await (await laptop.SendAsync(HttpMethod.Post, "/api/v1/auth/password", new { currentPassword = CarmenClient.UserPassword, newPassword = "12345678" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "newPassword");
        JsonObject fresh = await laptop.SendOkAsync(HttpMethod.Post, "/api/v1/auth/password", new { currentPassword = CarmenClient.UserPassword, newPassword = "quiet-meadow-lantern" });

        (await phone.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await laptop.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        laptop.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fresh["accessToken"]!.GetValue<string>());
        (await laptop.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices")).StatusCode.Should().Be(HttpStatusCode.OK);
        using CarmenClient withNewPassword = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-careful", "quiet-meadow-lantern");
    }

    [Fact]
    public async Task TenantDeletedAndRecreatedUnderTheSameIdIsOutOfReachOfTheOldOwner()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        using CarmenClient owner = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

        await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}?confirm={tenant}");
        await admin.SendOkAsync(HttpMethod.Post, "/api/v1/tenants", new { id = tenant, name = "Someone else" });
        await admin.CreateUserAsync(tenant, $"{tenant}-admin", "tenantAdmin");

        (await owner.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await owner.SendAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}", new { name = "Taken over" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SuspendedTenantsUserCannotListItsTenant()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/suspend", new { reason = "unpaid" });

        await (await tenantAdmin.SendAsync(HttpMethod.Get, "/api/v1/tenants")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
