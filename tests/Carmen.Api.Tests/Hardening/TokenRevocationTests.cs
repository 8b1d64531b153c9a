using System.Net;
using Carmen.Api.Tests.Infrastructure;

namespace Carmen.Api.Tests.Hardening;

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
            new { tenant = tenant, username = $"{tenant}-sneaky", password = "correct-horse-battery", role = "tenantAdmin" });

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
