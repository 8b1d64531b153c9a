using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Telemetry;

/// <summary>"Carmen:Telemetry": the fan-out from device grains to history, fleet metrics and alert evaluation.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Carmen:Telemetry";

    /// <summary>History older than this is deleted (hourly).</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Messages the silo's fan-out holds before device grains wait (and with them the devices' PUBACKs).</summary>
    [Range(100, 10_000_000)]
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>Points per flush at most: one call per tenant to fleet metrics, one stream item per tenant.</summary>
    [Range(100, 1_000_000)]
    public int MaxBatchPoints { get; set; } = 20_000;

    /// <summary>How long a flush waits to fill up; the latency a point spends in the silo before fleet metrics and alerts see it.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long points gather before one history transaction takes them. Longer means more points of each series per
    /// page written, which is what history's cost is made of; fleet metrics and alerts do not wait for it.
    /// </summary>
    public TimeSpan HistoryFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Points held for history at most; past this the fan-out waits for the write in progress (and devices wait with it).</summary>
    [Range(1_000, 10_000_000)]
    public int MaxHistoryBatchPoints { get; set; } = 200_000;
}
