using System.Net;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Tenants;

/// <summary>A user of tenant A, even its administrator, sees nothing of tenant B: every resource answers 404, as if B did not exist.</summary>
public sealed class TenantIsolationTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    public static TheoryData<string, string, object?> EveryTenantResource => new()
    {
        { "GET", "", null },
        { "PATCH", "", new { name = "Hijacked" } },
        { "DELETE", "?confirm={tenant}", null },
        { "POST", "/suspend", null },
        { "POST", "/resume", null },
        { "GET", "/business-units", null },
        { "POST", "/business-units", new { name = "Intruders" } },
        { "GET", "/business-units/bu", null },
        { "PATCH", "/business-units/bu", new { name = "Renamed" } },
        { "DELETE", "/business-units/bu", null },
        { "GET", "/business-units/bu/clusters", null },
        { "POST", "/business-units/bu/clusters", new { name = "Intruders" } },
        { "GET", "/business-units/bu/clusters/c1", null },
        { "PATCH", "/business-units/bu/clusters/c1", new { name = "Renamed" } },
        { "DELETE", "/business-units/bu/clusters/c1", null },
        { "GET", "/users", null },
        { "POST", "/users", new { username = "intruder", password = "password-123", role = "viewer" } },
        { "DELETE", "/users/{tenant}-admin", null },
        { "GET", "/devices", null },
        { "POST", "/devices", new { id = "planted", clusterId = "c1" } },
        { "POST", "/devices/bulk", new[] { new { id = "planted", clusterId = "c1" } } },
        { "GET", "/devices/imports/0193a5e1c9a97c4b9d2f5e8a7b6c5d4e", null },
        { "GET", "/devices/victim", null },
        { "PATCH", "/devices/victim", new { name = "Hijacked" } },
        { "DELETE", "/devices/victim", null },
        { "POST", "/devices/victim/credentials/rotate", null },
        { "PUT", "/devices/victim/attributes/shared", new { setpoint = 99 } },
        { "PUT", "/devices/victim/attributes/server", new { owner = "mallory" } },
    };

    [Theory]
    [MemberData(nameof(EveryTenantResource))]
    public async Task TenantAdminOfAnotherTenantGetsNotFound(string method, string path, object? body)
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string victim = await admin.CreateTenantAsync();
        string attacker = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(victim, "victim");
        using CarmenClient intruder = await CarmenClient.SignInAsync(factory, attacker, $"{attacker}-admin", CarmenClient.UserPassword);

        HttpResponseMessage response = await intruder.SendAsync(new HttpMethod(method), $"/api/v1/tenants/{victim}{path.Replace("{tenant}", victim, StringComparison.Ordinal)}", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/tenants/{victim}/devices/victim"))["name"]!.GetValue<string>().Should().Be("Device victim");
        (await admin.GetAsync($"/api/v1/tenants/{victim}"))["status"]!.GetValue<string>().Should().Be("active");
    }

    [Fact]
    public async Task TenantListShowsOnlyTheCallersOwnTenant()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string mine = await admin.CreateTenantAsync();
        await admin.CreateTenantAsync();
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(factory, mine, $"{mine}-admin", CarmenClient.UserPassword);

        var tenants = (await tenantAdmin.GetAsync("/api/v1/tenants"))["items"]!.AsArray();

        tenants.Select(tenant => tenant!["id"]!.GetValue<string>()).Should().Equal(mine);
    }

    [Fact]
    public async Task SameDeviceIdInTwoTenantsNamesTwoDifferentDevices()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string first = await admin.CreateTenantAsync();
        string second = await admin.CreateTenantAsync();

        await admin.CreateDeviceAsync(first, "shared-id", extra: new { name = "First's" });
        await admin.CreateDeviceAsync(second, "shared-id", extra: new { name = "Second's" });

        (await admin.GetAsync($"/api/v1/tenants/{first}/devices/shared-id"))["name"]!.GetValue<string>().Should().Be("First's");
        (await admin.GetAsync($"/api/v1/tenants/{second}/devices/shared-id"))["name"]!.GetValue<string>().Should().Be("Second's");
        (await admin.GetAsync($"/api/v1/tenants/{first}/devices"))["total"]!.GetValue<long>().Should().Be(1);
    }
}
