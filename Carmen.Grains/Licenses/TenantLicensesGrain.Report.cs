using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>The usage report: what the licenses grant and what of it goes unused, from the device index in one read.</summary>
public sealed partial class TenantLicensesGrain
{
    private const int MaxListed = 1000;

    public async Task<LicenseUsageReport> GetUsageReportAsync(int silentDays, CancellationToken cancellationToken)
    {
        if (silentDays is < 1 or > 3650)
        {
            throw CarmenException.Invalid("silentDays", "silentDays is 1 to 3650.");
        }

        ITenantLicensingGrain tenant = GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId);
        LicenseUsage usage = await tenant.GetLicenseUsageAsync(cancellationToken);
        IReadOnlyList<UnitAllocationUsage> units = await tenant.GetAllocationsAsync(cancellationToken);
        IReadOnlyList<DevicePostureRow> devices = await index.ListPostureRowsAsync(TenantId, cancellationToken);
        DateTimeOffset silentSince = clock.GetUtcNow().AddDays(-silentDays);
        List<IdleDevice> neverSeen = [.. devices
            .Where(device => device.Status != DeviceStatus.Decommissioned && device.LastSeenAt is null)
            .OrderBy(device => device.CreatedAt).Select(Idle)];
        List<IdleDevice> silent = [.. devices
            .Where(device => device.Status != DeviceStatus.Decommissioned && device.LastSeenAt < silentSince)
            .OrderBy(device => device.LastSeenAt).Select(Idle)];
        return new LicenseUsageReport(usage, units, [.. neverSeen.Take(MaxListed)], neverSeen.Count, [.. silent.Take(MaxListed)], silent.Count, silentDays,
            await GrainFactory.GetGrain<ITenantMeterGrain>(TenantId).GetMonthsAsync(cancellationToken));
    }

    private static IdleDevice Idle(DevicePostureRow device) => new(device.DeviceId, device.ClusterId, device.CreatedAt, device.LastSeenAt);
}
