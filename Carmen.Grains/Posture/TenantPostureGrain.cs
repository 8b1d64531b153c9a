using Carmen.Grains.Alerts;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Posture;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Posture;

/// <summary>
/// A tenant's posture checks. A reminder looks every hour whether a check is due (after the configured interval);
/// a check reads the device index in one scan and each certificate holder's certificates (TenantPostureGrain.Checks),
/// keeps the report, and raises a <c>postureFinding</c> alert event for each finding with devices it did not hold before.
/// </summary>
[GrainType("tenant-posture")]
public sealed partial class TenantPostureGrain(
    [PersistentState("tenant-posture", StorageNames.Devices)] IPersistentState<TenantPostureState> posture,
    IDeviceIndex index,
    [FromKeyedServices(TenantPostureGrain.ClockKey)] TimeProvider time,
    ILogger<TenantPostureGrain> logger) : Grain, ITenantPostureGrain, IRemindable
{
    /// <summary>The key of the clock the checks judge by (a test moves it to see devices go dormant).</summary>
    public const string ClockKey = "posture";

    private const string ScheduleReminder = "posture-schedule";

    /// <summary>Sightings kept at most; a flood of reconnects from two places cannot grow the record without end.</summary>
    private const int MaxSightings = 10_000;

    private static readonly TimeSpan s_sightingRepeat = TimeSpan.FromHours(1);

    private string TenantId => this.GetPrimaryKeyString();

    private PostureSettings Settings => posture.State.Settings ?? PostureSettings.Default;

    public Task<PostureSettings> GetSettingsAsync(CancellationToken cancellationToken) => Task.FromResult(Settings);

    public async Task<PostureSettings> SetSettingsAsync(PostureSettings settings, CancellationToken cancellationToken)
    {
        posture.State.Settings = Validate(settings);
        await posture.WriteStateAsync(cancellationToken);
        await ScheduleAsync(cancellationToken);
        return Settings;
    }

    public Task<PostureReport> CheckAsync(CancellationToken cancellationToken) => CheckAsync("demand", cancellationToken);

    public Task<PostureReport?> GetReportAsync(CancellationToken cancellationToken) => Task.FromResult(posture.State.Report);

    public async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        if (!posture.State.Scheduled)
        {
            await this.RegisterOrUpdateReminder(ScheduleReminder, TimeSpan.FromHours(1), TimeSpan.FromHours(1), cancellationToken);
            posture.State.Scheduled = true;
            await posture.WriteStateAsync(cancellationToken);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (posture.State.Report is not PostureReport last || time.GetUtcNow() >= last.CheckedAt.AddHours(Settings.IntervalHours))
        {
            await CheckAsync("schedule", CancellationToken.None);
        }
    }

    public async Task ReportSharedCredentialsAsync(string deviceId, string clusterId, string credential, string firstAddress, string secondAddress, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        List<SharedCredentialSighting> sightings = posture.State.Sightings;
        if (sightings.Exists(seen => seen.DeviceId == deviceId && seen.Credential == credential && now - seen.At < s_sightingRepeat))
        {
            return; // two clones taking turns reconnect all the time; once an hour is evidence enough
        }

        sightings.Add(new SharedCredentialSighting(deviceId, clusterId, credential, firstAddress, secondAddress, now));
        if (sightings.Count > MaxSightings)
        {
            sightings.RemoveRange(0, sightings.Count - MaxSightings);
        }

        await posture.WriteStateAsync(cancellationToken);
        LogSharedCredentials(TenantId, deviceId, credential, firstAddress, secondAddress);
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        await this.KeepAsync(ScheduleReminder, needed: false, registered: true, cancellationToken);
        await posture.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    private async Task<PostureReport> CheckAsync(string trigger, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        (int checkedDevices, List<Interfaces.Posture.PostureFinding> findings) = await RunChecksAsync(now, cancellationToken);
        PostureReport? previous = posture.State.Report;
        var report = new PostureReport(now, trigger, checkedDevices, findings, now.AddHours(Settings.IntervalHours));
        posture.State.Report = report;
        posture.State.Sightings.RemoveAll(seen => seen.At < now.AddDays(-PostureSettings.MaxDays));
        await posture.WriteStateAsync(cancellationToken);
        await ScheduleAsync(cancellationToken);
        await RaiseNewFindingsAsync(previous, report, cancellationToken);
        LogChecked(TenantId, trigger, checkedDevices, findings.Count);
        return report;
    }

    /// <summary>An alert event per finding that holds devices (or, for the CA, holds at all) which the previous report did not.</summary>
    private async Task RaiseNewFindingsAsync(PostureReport? previous, PostureReport report, CancellationToken cancellationToken)
    {
        foreach (Interfaces.Posture.PostureFinding finding in report.Findings)
        {
            HashSet<string> known = previous?.Findings.FirstOrDefault(old => old.Kind == finding.Kind) is { } before
                ? [.. before.Devices.Select(device => device.DeviceId)]
                : [];
            int added = finding.Devices.Count(device => !known.Contains(device.DeviceId));
            if (added == 0 && previous?.Findings.Any(old => old.Kind == finding.Kind) == true)
            {
                continue;
            }

            long at = report.CheckedAt.ToUnixTimeMilliseconds();
            await GrainFactory.GetGrain<ITenantAlertsGrain>(TenantId).RaiseEventAsync(AlertCondition.PostureFinding, new Dictionary<string, TimestampedValue>
            {
                ["kind"] = new(at, TelemetryValue.FromText(PostureText.Name(finding.Kind))),
                ["devices"] = new(at, TelemetryValue.FromNumber(finding.Devices.Count)),
                ["newDevices"] = new(at, TelemetryValue.FromNumber(added)),
                ["summary"] = new(at, TelemetryValue.FromText(finding.Summary)),
            }, cancellationToken);
        }
    }

    private static PostureSettings Validate(PostureSettings settings)
    {
        static int Days(int value, string field) => value is >= 1 and <= PostureSettings.MaxDays
            ? value
            : throw CarmenException.Invalid(field, $"{field} is 1 to {PostureSettings.MaxDays} days.");

        if (settings.IntervalHours is < 1 or > PostureSettings.MaxIntervalHours)
        {
            throw CarmenException.Invalid("intervalHours", $"intervalHours is 1 to {PostureSettings.MaxIntervalHours}.");
        }

        IReadOnlyList<VulnerableDistributionSet> sets = settings.VulnerableDistributionSets ?? [];
        if (sets.Count > PostureSettings.MaxVulnerableSets || sets.Any(set => set.DistributionSetId < 1 || string.IsNullOrWhiteSpace(set.Advisory) || set.Advisory.Length > 500))
        {
            throw CarmenException.Invalid("vulnerableDistributionSets",
                $"Up to {PostureSettings.MaxVulnerableSets} entries, each a distribution set id and an advisory of 1 to 500 characters.");
        }

        return new PostureSettings(
            Days(settings.ExpiringWithinDays, "expiringWithinDays"), Days(settings.DormantAfterDays, "dormantAfterDays"),
            Days(settings.SharedCredentialsWithinDays, "sharedCredentialsWithinDays"), settings.IntervalHours,
            [.. sets.GroupBy(set => set.DistributionSetId).Select(group => group.Last() with { Advisory = group.Last().Advisory.Trim() })]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Posture of {TenantId} checked ({Trigger}): {Devices} devices, {Findings} findings")]
    private partial void LogChecked(string tenantId, string trigger, int devices, int findings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {TenantId}/{DeviceId}: {Credential} used from {FirstAddress} and {SecondAddress} at once")]
    private partial void LogSharedCredentials(string tenantId, string deviceId, string credential, string firstAddress, string secondAddress);
}
