using System.Net;
using System.Text;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Errors;

/// <summary>Bad input gets an RFC 7807 problem naming the field at fault, and changes nothing.</summary>
public sealed class ValidationTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Theory]
    [InlineData("""{"id":"Bad Tenant!","name":"x"}""", "id")]
    [InlineData("""{"id":"ok-tenant-1","name":""}""", "name")]
    [InlineData("""{"id":"ok-tenant-2","name":"x","limits":{"maxDevices":-1}}""", "limits.maxDevices")]
    [InlineData("""{"id":"ok-tenant-3","name":"x","limits":{"maxDevices":"many"}}""", "limits.maxDevices")]
    [InlineData("""{"id":"ok-tenant-4","name":""", "name")]
    [InlineData("""not json""", "body")]
    public async Task BadTenantIsRefusedNamingTheField(string json, string field)
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, "/api/v1/tenants", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("""{"id":"has space","clusterId":"c1"}""", "id")]
    [InlineData("""{"id":"d1"}""", "clusterId")]
    [InlineData("""{"id":"d1","clusterId":"c1","labels":5}""", "labels")]
    [InlineData("""{"id":"d1","clusterId":"c1","labels":[""]}""", "labels")]
    [InlineData("""{"id":"d1","clusterId":"c1","accessToken":"short"}""", "accessToken")]
    [InlineData("""{"id":"d1","clusterId":"no-such-cluster"}""", "clusterId")]
    [InlineData("""{"id":"d1","clusterId":"c1","type":"0123456789012345678901234567890123456789012345678901234567890123456789"}""", "type")]
    public async Task BadDeviceIsRefusedNamingTheFieldAndNotCreated(string json, string field)
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices"))["total"]!.GetValue<long>().Should().Be(0);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}"))["deviceCount"]!.GetValue<int>().Should().Be(0);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=5000", "pageSize")]
    [InlineData("status=sleeping", "status")]
    [InlineData("sort=colour", "sort")]
    [InlineData("order=sideways", "order")]
    [InlineData("continuationToken=not-a-token", "continuationToken")]
    [InlineData("businessUnitId=nope", "businessUnitId")]
    public async Task BadListingQueryIsRefusedNamingTheParameter(string query, string field)
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices?{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task DuplicateDeviceIdIsConflict()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "twin");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { id = "twin", clusterId = "c1" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "id");
    }

    [Fact]
    public async Task DeviceLimitIsConflictOnceReached()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync(maxDevices: 1);
        await admin.CreateDeviceAsync(tenant, "first");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices", new { id = "second", clusterId = "c1" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnknownDeviceIsNotFoundProblem()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices/ghost");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AttributesMustBeAJsonObject()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "d1");

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/d1/attributes/shared", new[] { 1, 2 });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task WeakPasswordIsRefusedNamingPassword()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/users", new { username = $"{tenant}-u", password = "short", role = "viewer" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task TenantUsersCannotBePlatformAdministrators()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/users", new { username = $"{tenant}-u", password = "password-123", role = "platformAdmin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "role");
    }
}
