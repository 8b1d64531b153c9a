using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Licenses;

/// <summary>A platform that requires licenses: a tenant without one admits no device, user or licensed feature until one is installed.</summary>
public sealed class LicenseRequiredTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new() { Settings = new Dictionary<string, string> { ["Carmen:Licenses:Required"] = "true" } };

    [Fact]
    public async Task ATenantWithoutALicenseIsEntitledToNothingUntilItHasOne()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = "req-" + Guid.NewGuid().ToString("N")[..8];
        string api = $"/api/v1/tenants/{tenant}";
        await admin.SendOkAsync(HttpMethod.Post, "/api/v1/tenants", new { id = tenant, name = "Unlicensed" });
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/business-units", new { id = "bu", name = "BU" });
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/business-units/bu/clusters", new { id = "c1", name = "C1" });

        JsonObject device = await (await admin.SendAsync(HttpMethod.Post, $"{api}/devices", new { id = "d1", name = "d1", clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonObject user = await (await admin.SendAsync(HttpMethod.Post, $"{api}/users", new { username = $"{tenant}-admin", password = CarmenClient.UserPassword, role = "tenantAdmin" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonObject usage = await admin.GetAsync($"{api}/license-usage");
        await LicenseTests.IssueAsync(admin, tenant, new { devices = 1, users = 1 });
        await admin.CreateDeviceAsync(tenant, "d1");
        await admin.CreateUserAsync(tenant, $"{tenant}-admin", "tenantAdmin");

        device["entitlement"]!.GetValue<string>().Should().Be("devices");
        user["entitlement"]!.GetValue<string>().Should().Be("users");
        usage["licensed"]!.GetValue<bool>().Should().BeTrue("a tenant without a license is held to nothing here, not left unlimited");
        usage["devices"]!.ToJsonString().Should().Be("""{"entitled":0,"allowance":0,"used":0}""");
        (await admin.GetAsync($"{api}/license-usage"))["devices"]!["used"]!.GetValue<int>().Should().Be(1);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
