using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Auth;

public sealed class AuthTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task TokenEndpointIssuesBearerTokenThatOpensTheApi()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);

        HttpResponseMessage tenants = await admin.SendAsync(HttpMethod.Get, "/api/v1/tenants");

        tenants.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongPasswordIsAnsweredWithUnauthorizedProblem()
    {
        using HttpClient http = factory.CreateClient();

        HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "wrong-password" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RepeatedFailedSignInsLockTheAccountEvenForTheRightPassword()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-victim", "operator");
        using HttpClient http = factory.CreateClient();

        for (int attempt = 0; attempt < 2; attempt++)
        {
            HttpResponseMessage failed = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant, username = $"{tenant}-victim", password = "guess-" + attempt });
            failed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        HttpResponseMessage third = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant, username = $"{tenant}-victim", password = "guess-3" });
        HttpResponseMessage rightPassword = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant, username = $"{tenant}-victim", password = CarmenClient.UserPassword });

        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        await rightPassword.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        rightPassword.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task UsernamesAreTheTenantsOwnSoAnotherTenantsNamesAreNeitherTakenNorRevealed()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string first = await admin.CreateTenantAsync(), second = await admin.CreateTenantAsync();
        using CarmenClient firstAdmin = await CarmenClient.SignInAsync(factory, first, $"{first}-admin", CarmenClient.UserPassword);
        using CarmenClient secondAdmin = await CarmenClient.SignInAsync(factory, second, $"{second}-admin", CarmenClient.UserPassword);

        HttpResponseMessage inFirst = await firstAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{first}/users", new { username = "ops", password = "first-ops-pass-1", role = "operator" });
        HttpResponseMessage inSecond = await secondAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{second}/users", new { username = "OPS", password = "second-ops-pass-1", role = "viewer" });
        HttpResponseMessage againInSecond = await secondAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{second}/users", new { username = "ops", password = "second-ops-pass-2", role = "viewer" });

        inFirst.StatusCode.Should().Be(HttpStatusCode.Created);
        inSecond.StatusCode.Should().Be(HttpStatusCode.Created, "a name another tenant uses is free here, and nothing tells that it is used");
        await againInSecond.ShouldBeProblemAsync(HttpStatusCode.Conflict, "username");
        using CarmenClient secondOps = await CarmenClient.SignInAsync(factory, second, "ops", "second-ops-pass-1");
        (await secondOps.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{second}/devices")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await secondOps.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{first}/devices")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using HttpClient http = factory.CreateClient();
        await (await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = first, username = "ops", password = "second-ops-pass-1" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "ops", password = "first-ops-pass-1" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "no-such-tenant", username = "ops", password = "first-ops-pass-1" }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownUsersAreRefusedLikeWrongPasswords()
    {
        using HttpClient http = factory.CreateClient();

        HttpResponseMessage response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody-here", password = "whatever-1" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/api/v1/tenants")]
    [InlineData("/api/v1/tenants/any/devices")]
    public async Task RequestsWithoutTokenAreUnauthorized(string path)
    {
        using HttpClient http = factory.CreateClient();

        HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ForgedTokenIsUnauthorized()
    {
        using HttpClient http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJwbGF0Zm9ybUFkbWluIn0.c2lnbmF0dXJlLW9mLW5vYm9keQ");

        HttpResponseMessage response = await http.GetAsync(new Uri("/api/v1/tenants", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokensSignedBeforeKeyRotationStayValidAndNewTokensWork()
    {
        using CarmenClient before = await CarmenClient.SignInAsAdminAsync(factory);

        (await before.SendAsync(HttpMethod.Post, "/api/v1/auth/signing-keys/rotate")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using CarmenClient after = await CarmenClient.SignInAsAdminAsync(factory);

        (await before.SendAsync(HttpMethod.Get, "/api/v1/tenants")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await after.SendAsync(HttpMethod.Get, "/api/v1/tenants")).StatusCode.Should().Be(HttpStatusCode.OK);
        after.Http.DefaultRequestHeaders.Authorization.Should().NotBe(before.Http.DefaultRequestHeaders.Authorization);
    }

    [Fact]
    public async Task ViewerReadsButCannotRegisterDevices()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-viewer", "viewer");
        using CarmenClient viewer = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-viewer", CarmenClient.UserPassword);

        HttpResponseMessage list = await viewer.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices");
        HttpResponseMessage create = await viewer.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { id = "d1", clusterId = "c1" });

        list.StatusCode.Should().Be(HttpStatusCode.OK);
        create.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OperatorRegistersDevicesButCannotCreateUsers()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateUserAsync(tenant, $"{tenant}-operator", "operator");
        using CarmenClient operatorClient = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-operator", CarmenClient.UserPassword);

        HttpResponseMessage device = await operatorClient.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { id = "d1", clusterId = "c1" });
        HttpResponseMessage user = await operatorClient.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/users",
            new { username = $"{tenant}-sneaky", password = "password-123", role = "tenantAdmin" });

        device.StatusCode.Should().Be(HttpStatusCode.Created);
        user.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TenantAdminCannotRaiseItsOwnLimits()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync(maxDevices: 10);
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

        HttpResponseMessage response = await tenantAdmin.SendAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}", new { limits = new { maxDevices = 1_000_000 } });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SuspendedTenantsUsersAreRefusedUntilResumed()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);

        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/suspend", new { reason = "unpaid invoice" });
        HttpResponseMessage whileSuspended = await tenantAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices");
        HttpResponseMessage signInWhileSuspended = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/token",
            new { tenant, username = $"{tenant}-admin", password = CarmenClient.UserPassword });
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/resume");
        HttpResponseMessage afterResume = await tenantAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices");

        await whileSuspended.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await signInWhileSuspended.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        afterResume.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SuspendedTenantCannotRegisterDevicesEvenThroughPlatformAdmin()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/suspend");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { id = "d1", clusterId = "c1" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
