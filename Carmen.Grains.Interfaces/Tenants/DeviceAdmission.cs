namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>
/// The tenant's answer to a request to add devices: how many slots of its device quota it reserved
/// and which of the named clusters do not exist. Unused slots are handed back with
/// <see cref="ITenantGrain.ReleaseDeviceSlotsAsync"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceAdmission")]
public sealed record DeviceAdmission(
    [property: Id(0)] int GrantedSlots,
    [property: Id(1)] IReadOnlySet<string> UnknownClusterIds)
{
    /// <summary>True when the tenant's licenses, not its own device limit, granted fewer slots than asked for.</summary>
    [Id(2)]
    public bool LimitedByLicense { get; init; }
}
