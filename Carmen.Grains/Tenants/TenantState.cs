using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tenants;

[GenerateSerializer, Alias("Carmen.TenantState")]
public sealed class TenantState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public TenantStatus Status { get; set; }
    [Id(3)] public Dictionary<string, string> Settings { get; set; } = [];
    [Id(4)] public TenantLimits Limits { get; set; } = TenantLimits.Unlimited;
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public string? SuspensionReason { get; set; }
    [Id(7)] public Dictionary<string, string> BusinessUnitNames { get; set; } = [];
    [Id(8)] public Dictionary<string, ClusterState> Clusters { get; set; } = [];
    [Id(9)] public SortedSet<string> Usernames { get; set; } = [];

    /// <summary>New each time a tenant is created under this id; tokens carry it. Empty for tenants made before incarnations.</summary>
    [Id(10)] public string Incarnation { get; set; } = "";

    /// <summary>True once the tenant's users are keyed under it (<see cref="Interfaces.Users.UserKeys"/>); false for tenants from when usernames were global.</summary>
    [Id(11)] public bool UsersKeyedByTenant { get; set; }

    /// <summary>The terms of every license the tenant holds, as the tenant's licenses grain last handed them over.</summary>
    [Id(12)] public List<LicenseTerms> Licenses { get; set; } = [];

    /// <summary>Business units' shares of the licensed devices and users, by unit id.</summary>
    [Id(13)] public Dictionary<string, UnitAllocation> LicenseAllocations { get; set; } = [];
}
