using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>
/// Use over time: each check folds the counts into the day's snapshot (its last, and its peak: the highest the tenant
/// grain saw at any admission that day), kept 400 days.
/// </summary>
public sealed partial class TenantLicensesGrain
{
    /// <summary>Thirteen months and a margin.</summary>
    public const int UsageDaysKept = 400;

    public async Task<IReadOnlyList<LicenseUsageDay>> GetUsageHistoryAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (last < first)
        {
            throw CarmenException.Invalid("to", "to comes on or after from.");
        }

        if (licenses.State.LicenseIds.Count > 0)
        {
            // Today's row as of now; the next check saves it.
            RecordUsage(await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).GetLicenseUsageAsync(cancellationToken));
        }

        return [.. licenses.State.UsageHistory.Where(day => day.Day >= first && day.Day <= last)];
    }

    /// <summary>Folds <paramref name="usage"/> into today's snapshot; the caller writes the state.</summary>
    private void RecordUsage(LicenseUsage usage)
    {
        List<LicenseUsageDay> history = licenses.State.UsageHistory;
        var today = DateOnly.FromDateTime(usage.At.UtcDateTime);
        (int devices, int users) = (usage.DevicesInService, usage.Users);
        (int entitledDevices, int entitledUsers) = (usage.Allowance.Devices, usage.Allowance.Users);
        if (history.Count > 0 && history[^1].Day == today)
        {
            LicenseUsageDay day = history[^1];
            history[^1] = new LicenseUsageDay(today, Max(day.PeakDevices, usage.PeakDevices, devices), devices, entitledDevices, Max(day.PeakUsers, usage.PeakUsers, users), users, entitledUsers);
        }
        else
        {
            history.Add(new LicenseUsageDay(today, Math.Max(usage.PeakDevices, devices), devices, entitledDevices, Math.Max(usage.PeakUsers, users), users, entitledUsers));
            history.RemoveAll(day => day.Day < today.AddDays(-UsageDaysKept));
        }
    }

    private static int Max(int first, int second, int third) => Math.Max(first, Math.Max(second, third));
}
