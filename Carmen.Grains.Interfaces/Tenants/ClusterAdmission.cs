namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>
/// The tenant's answer to a request to add devices to named clusters: the slots reserved per cluster (hand unused
/// ones back with <see cref="ITenantGrain.ReleaseDeviceSlotsAsync"/>), the clusters that do not exist, and the clusters
/// where the tenant's licenses (or a business unit's allocation of them), not its own device limit, granted fewer.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ClusterAdmission")]
public sealed record ClusterAdmission(
    [property: Id(0)] IReadOnlyDictionary<string, int> GrantedSlots,
    [property: Id(1)] IReadOnlySet<string> UnknownClusterIds,
    [property: Id(2)] IReadOnlySet<string> LimitedByLicense);
