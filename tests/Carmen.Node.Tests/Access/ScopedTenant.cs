using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>
/// A tenant shaped for access tests: business unit "bu" with clusters c1 and c2, business unit "bu2" with c3, a
/// device in each (d1, d2, d3), and members (users with no tenant-wide role) who get assignments per test.
/// </summary>
public sealed record ScopedTenant(CarmenClient Admin, string Id)
{
    public static async Task<ScopedTenant> CreateAsync(CarmenApiFactory factory)
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units/bu/clusters", new { id = "c2", name = "Cluster two" });
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { id = "bu2", name = "Business unit two" });
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units/bu2/clusters", new { id = "c3", name = "Cluster three" });
        await admin.CreateDeviceAsync(tenant, "d1", "c1");
        await admin.CreateDeviceAsync(tenant, "d2", "c2");
        await admin.CreateDeviceAsync(tenant, "d3", "c3");
        return new ScopedTenant(admin, tenant);
    }

    public string Path(string relative) => $"/api/v1/tenants/{Id}{relative}";

    /// <summary>A member (no tenant-wide role) named <paramref name="name"/> within the tenant, holding <paramref name="role"/> at the scope.</summary>
    public async Task<CarmenClient> MemberAsync(CarmenApiFactory factory, string name, string role, object scope, bool propagate = true)
    {
        string username = $"{Id}-{name}";
        await Admin.CreateUserAsync(Id, username, "member");
        await AssignAsync(username, role, scope, propagate);
        return await CarmenClient.SignInAsync(factory, Id, username, CarmenClient.UserPassword);
    }

    public Task<System.Text.Json.Nodes.JsonObject> AssignAsync(string username, string role, object scope, bool propagate = true) =>
        Admin.SendOkAsync(HttpMethod.Post, Path("/role-assignments"), new { userId = username, role, scope, propagate });

    public static object Tenant => new { type = "tenant" };

    public static object Unit(string id) => new { type = "businessUnit", id };

    public static object Cluster(string id) => new { type = "cluster", id };
}
