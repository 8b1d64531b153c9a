using Carmen.Grains.Interfaces;
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

    public Task<LicenseUsage> GetLicenseUsageAsync(CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        return Task.FromResult(new LicenseUsage(Allowance(), _devicesInService, state.Usernames.Count, licenseClock.GetUtcNow()));
    }

    public Task RequireFeatureAsync(string feature, CancellationToken cancellationToken)
    {
        RequireExisting();
        return Allowance().Allows(feature)
            ? Task.CompletedTask
            : throw CarmenException.NotEntitled(feature, $"The tenant's licenses do not include the feature '{feature}'.");
    }

    public Task RequireUserSeatAsync(int pendingInvitations, CancellationToken cancellationToken)
    {
        RequireUserSeat(RequireExisting(), pendingInvitations);
        return Task.CompletedTask;
    }

    private LicenseAllowance Allowance() => LicenseAllowance.Of(RequireExisting().Licenses, licenseClock.GetUtcNow());

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
