using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Grains.Backups;

/// <summary>
/// The backups' instruments: carmen.backups and carmen.backup.drills by outcome and trigger, carmen.backup.duration,
/// and gauges of the newest success (Unix seconds, 0: none yet) of a backup, a verification and a drill, and of the
/// newest backup's size.
/// </summary>
internal static class BackupMetrics
{
    public static readonly LiveInstances<PlatformBackupsGrain> Live = new();

    private static readonly Counter<long> s_backups = CarmenDiagnostics.Meter.CreateCounter<long>("carmen.backups", "{backup}", "Backups, by outcome and trigger.");
    private static readonly Counter<long> s_drills = CarmenDiagnostics.Meter.CreateCounter<long>("carmen.backup.drills", "{drill}", "Restore drills, by outcome and trigger.");
    private static readonly Histogram<double> s_duration = CarmenDiagnostics.Meter.CreateHistogram<double>("carmen.backup.duration", "s", "How long a backup took.");

    private static readonly ObservableGauge<long> s_lastSuccess = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.backup.last_success", () => Gauge(health => health.LastSuccess), "s", "When the newest successful backup was taken (Unix seconds; 0: none yet).");

    private static readonly ObservableGauge<long> s_lastVerified = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.backup.last_verified", () => Gauge(health => health.LastVerified), "s", "When a backup last verified intact (Unix seconds; 0: not since the node started).");

    private static readonly ObservableGauge<long> s_lastDrillPassed = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.backup.last_drill_success", () => Gauge(health => health.LastDrillPassed), "s", "When the newest passed restore drill ran (Unix seconds; 0: none yet).");

    private static readonly ObservableGauge<long> s_size = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.backup.size", () => Gauge(health => health.LastSize), "By", "The size of the newest successful backup's files.");

    public static void Backup(BackupTrigger trigger, bool succeeded, double seconds)
    {
        s_backups.Add(1, Outcome(succeeded ? "succeeded" : "failed"), Trigger(trigger));
        if (succeeded)
        {
            s_duration.Record(seconds);
        }
    }

    public static void Drill(BackupTrigger trigger, bool passed) => s_drills.Add(1, Outcome(passed ? "passed" : "failed"), Trigger(trigger));

    private static IEnumerable<Measurement<long>> Gauge(Func<BackupHealth, DateTimeOffset?> at) => Gauge(health => at(health)?.ToUnixTimeSeconds() ?? 0);

    /// <summary>One series per repository a node backs up to.</summary>
    private static IEnumerable<Measurement<long>> Gauge(Func<BackupHealth, long> value) =>
        Live.All.Where(grain => grain.Destination.Length > 0)
            .Select(grain => new Measurement<long>(value(grain.Health), new KeyValuePair<string, object?>("destination", grain.Destination)));

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);

    private static KeyValuePair<string, object?> Trigger(BackupTrigger trigger) => new("trigger", trigger == BackupTrigger.Manual ? "manual" : "schedule");
}
