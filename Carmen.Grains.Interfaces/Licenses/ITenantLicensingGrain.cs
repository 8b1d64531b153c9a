namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// The tenant grain's side of licensing: it holds the terms of the tenant's licenses and enforces them where it
/// admits devices and users, and for licensed features. Same grain as <see cref="Tenants.ITenantGrain"/>.
/// </summary>
[Alias("Carmen.ITenantLicensingGrain")]
public interface ITenantLicensingGrain : IGrainWithStringKey
{
    /// <summary>Replaces the terms the tenant enforces; called by <see cref="ITenantLicensesGrain"/> only.</summary>
    [Alias("SetLicenses")]
    Task SetLicensesAsync(IReadOnlyList<LicenseTerms> licenses, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the business units' allocations: every unit must exist, and together they allocate at most what the
    /// licenses entitle; a conflict when the tenant holds no license.
    /// </summary>
    [Alias("SetAllocations")]
    Task<IReadOnlyList<UnitAllocationUsage>> SetAllocationsAsync(IReadOnlyDictionary<string, UnitAllocation> allocations, CancellationToken cancellationToken = default);

    /// <summary>Every business unit with its allocation (if any) and its use.</summary>
    [Alias("GetAllocations")]
    Task<IReadOnlyList<UnitAllocationUsage>> GetAllocationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Current use against what the licenses grant.</summary>
    [Alias("GetLicenseUsage")]
    Task<LicenseUsage> GetLicenseUsageAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Nothing when the tenant may use <paramref name="feature"/> (licensed for it, or not licensed at all);
    /// otherwise a <see cref="CarmenException"/> naming the entitlement (403).
    /// </summary>
    [Alias("RequireFeature")]
    Task RequireFeatureAsync(string feature, CancellationToken cancellationToken = default);

    /// <summary>
    /// Nothing when one more user fits beside the pending invitations (their scopes: <paramref name="pendingInvitations"/>)
    /// under the licenses' user allowance, and, for a role at <paramref name="scope"/> within a business unit with users
    /// allocated, within that allocation beside the invitations pending there; otherwise a <see cref="CarmenException"/>
    /// naming the entitlement <c>users</c>.
    /// </summary>
    [Alias("RequireUserSeat")]
    Task RequireUserSeatAsync(IReadOnlyList<Access.AccessScope> pendingInvitations, Access.AccessScope? scope = null, CancellationToken cancellationToken = default);
}
