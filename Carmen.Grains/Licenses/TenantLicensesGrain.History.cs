using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>Use over time: each check folds the counts into the day's snapshot (its peak and its last), kept 400 days.</summary>
public sealed partial class TenantLicensesGrain
{
    /// <summary>Thirteen months and a margin.</summary>
    public const int UsageDaysKept = 400;

    public Task<IReadOnlyList<LicenseUsageDay>> GetUsageHistoryAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        last < first
            ? throw CarmenException.Invalid("to", "to comes on or after from.")
            : Task.FromResult<IReadOnlyList<LicenseUsageDay>>([.. licenses.State.UsageHistory.Where(day => day.Day >= first && day.Day <= last)]);

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
            history[^1] = new LicenseUsageDay(today, Math.Max(day.PeakDevices, devices), devices, entitledDevices, Math.Max(day.PeakUsers, users), users, entitledUsers);
        }
        else
        {
            history.Add(new LicenseUsageDay(today, devices, devices, entitledDevices, users, users, entitledUsers));
            history.RemoveAll(day => day.Day < today.AddDays(-UsageDaysKept));
        }
    }
}
