using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Tenants;

/// <summary>
/// Licenses enforced where the tenant admits: the terms are kept in the tenant's state, and what they grant is worked
/// out at each decision from the clock, so expiry and grace need no timer.
/// </summary>
public sealed partial class TenantGrain : ITenantLicensingGrain
{
    public Task SetLicensesAsync(IReadOnlyList<LicenseTerms> licenses, CancellationToken cancellationToken)
    {
        RequireExisting().Licenses = [.. licenses];
        return tenant.WriteStateAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UnitAllocationUsage>> SetAllocationsAsync(IReadOnlyDictionary<string, UnitAllocation> allocations, CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        LicenseAllowance allowance = Allowance();
        if (!allowance.Licensed)
        {
            throw CarmenException.Conflict("The tenant holds no license, so there is nothing to allocate.");
        }

        foreach ((string unit, UnitAllocation allocation) in allocations)
        {
            if (!state.BusinessUnitNames.ContainsKey(unit))
            {
                throw CarmenException.Invalid($"businessUnits.{unit}", $"Business unit '{unit}' does not exist.");
            }

            if (allocation.Devices < 0 || allocation.Users < 0)
            {
                throw CarmenException.Invalid($"businessUnits.{unit}", "An allocation cannot be negative.");
            }
        }

        (int devices, int users) = (allocations.Values.Sum(allocation => allocation.Devices ?? 0), allocations.Values.Sum(allocation => allocation.Users ?? 0));
        if (devices > allowance.Devices || users > allowance.Users)
        {
            throw CarmenException.Invalid("businessUnits", devices > allowance.Devices
                ? $"The allocations give out {devices} devices; the licenses entitle {allowance.Devices}."
                : $"The allocations give out {users} users; the licenses entitle {allowance.Users}.");
        }

        state.LicenseAllocations = allocations.ToDictionary(StringComparer.Ordinal);
        await tenant.WriteStateAsync(cancellationToken);
        return AllocationUsage(state);
    }

    public Task<IReadOnlyList<UnitAllocationUsage>> GetAllocationsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(AllocationUsage(RequireExisting()));

    public Task<LicenseUsage> GetLicenseUsageAsync(CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        NotePeak();
        return Task.FromResult(new LicenseUsage(Allowance(), _devicesInService, state.Usernames.Count, licenseClock.GetUtcNow(), _peak.Devices, _peak.Users));
    }

    public Task RequireFeatureAsync(string feature, CancellationToken cancellationToken)
    {
        RequireExisting();
        return Allowance().Allows(feature)
            ? Task.CompletedTask
            : throw CarmenException.NotEntitled(feature, $"The tenant's licenses do not include the feature '{feature}'.");
    }

    public Task RequireUserSeatAsync(IReadOnlyList<AccessScope> pendingInvitations, AccessScope? scope, CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        RequireUserSeat(state, pendingInvitations.Count);
        RequireUnitUserSeat(state, principal: null, scope, pendingInvitations);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refuses a role at <paramref name="scope"/> that would take a business unit past the users allocated to it, counting
    /// the invitations pending in the unit as users.
    /// </summary>
    private void RequireUnitUserSeat(TenantState state, string? principal, AccessScope? scope, IReadOnlyList<AccessScope>? pendingInvitations = null)
    {
        if (UnitOf(state, scope) is not string unit || state.LicenseAllocations.GetValueOrDefault(unit)?.Users is not int allocated || !Allowance().Licensed)
        {
            return;
        }

        int users = UsersInUnit(state, unit);
        int invited = pendingInvitations?.Count(pending => UnitOf(state, pending) == unit) ?? 0;
        bool alreadyCounted = principal is not null && accessState.State.Assignments.Any(held => held.Principal == principal && UnitOf(state, held.Scope) == unit);
        if (!alreadyCounted && users + invited >= allocated)
        {
            throw CarmenException.NotEntitled(LicenseEntitlementNames.Users,
                $"Business unit '{unit}' has {allocated} user(s) allocated; {users} user(s) hold roles in it and {invited} invitation(s) to it are pending.");
        }
    }

    private IReadOnlyList<UnitAllocationUsage> AllocationUsage(TenantState state) =>
        [.. state.BusinessUnitNames.Keys.Order(StringComparer.Ordinal)
            .Select(unit => new UnitAllocationUsage(unit, state.LicenseAllocations.GetValueOrDefault(unit), DevicesInUnit(state, unit), UsersInUnit(state, unit)))];

    /// <summary>Users with a role at the business unit or one of its clusters.</summary>
    private int UsersInUnit(TenantState state, string unit) =>
        accessState.State.Assignments
            .Where(assignment => state.Usernames.Contains(assignment.Principal) && UnitOf(state, assignment.Scope) == unit)
            .Select(assignment => assignment.Principal).Distinct(StringComparer.Ordinal).Count();

    private static string? UnitOf(TenantState state, AccessScope? scope) => scope?.Type switch
    {
        ScopeType.BusinessUnit => scope.Id,
        ScopeType.Cluster => state.Clusters.GetValueOrDefault(scope.Id ?? "")?.BusinessUnitId,
        _ => null,
    };

    /// <summary>
    /// Folds the use now into today's peak, at every admission, so the day's snapshot holds the highest use and not only
    /// what the periodic checks happened to see.
    /// </summary>
    private void NotePeak()
    {
        var today = DateOnly.FromDateTime(licenseClock.GetUtcNow().UtcDateTime);
        int users = tenant.State.Usernames.Count;
        _peak = _peak.Day == today
            ? (today, Math.Max(_peak.Devices, _devicesInService), Math.Max(_peak.Users, users))
            : (today, _devicesInService, users);
    }

    private LicenseAllowance Allowance() => RequireExisting().Licenses is { Count: 0 } && licenseOptions.Value.Required
        ? LicenseAllowance.Nothing
        : LicenseAllowance.Of(RequireExisting().Licenses, licenseClock.GetUtcNow());

    private void RequireUserSeat(TenantState state, int pendingInvitations)
    {
        if (Allowance() is { Licensed: true } allowance && state.Usernames.Count + pendingInvitations >= allowance.UserAllowance)
        {
            throw CarmenException.NotEntitled(LicenseEntitlementNames.Users,
                $"The tenant's licenses admit {allowance.UserAllowance} user(s) (entitled {allowance.Users}, overage included); {state.Usernames.Count} user(s) and {pendingInvitations} pending invitation(s) hold them.");
        }
    }

    /// <summary>The devices the licenses still admit, or null when the tenant is not licensed.</summary>
    private int? LicensedDeviceSlots() =>
        Allowance() is { Licensed: true } allowance ? Math.Max(0, allowance.DeviceAllowance - _devicesInService) : null;
}
