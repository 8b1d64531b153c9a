using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tests;

internal static class TestTenants
{
    /// <summary>A fresh tenant with business unit "bu" and clusters "c1" and "c2".</summary>
    public static async Task<ITenantGrain> CreateAsync(IGrainFactory grains, int? maxDevices = null)
    {
        ITenantGrain tenant = grains.GetGrain<ITenantGrain>("t-" + Guid.NewGuid().ToString("N")[..12]);
        await tenant.CreateAsync(new TenantSpec("Test tenant", null, null, new TenantLimits(maxDevices)));
        await tenant.CreateBusinessUnitAsync("bu", "Business unit");
        await tenant.CreateClusterAsync("bu", "c1", "One");
        await tenant.CreateClusterAsync("bu", "c2", "Two");
        return tenant;
    }
}
