using System.ComponentModel.DataAnnotations;

namespace Carmen.Grains.Telemetry;

/// <summary>"Carmen:Telemetry": the fan-out from device grains to history and to the tenants' telemetry streams.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Carmen:Telemetry";

    /// <summary>History older than this is deleted (hourly).</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Messages the silo's fan-out holds before device grains wait (and with them the devices' PUBACKs).</summary>
    [Range(100, 10_000_000)]
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>Points per flush at most: one stream item per tenant.</summary>
    [Range(100, 1_000_000)]
    public int MaxBatchPoints { get; set; } = 20_000;

    /// <summary>How long a flush waits to fill up; the latency a point spends in the silo before the tenant's stream (and the fleet view) has it.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long points gather before one history transaction takes them. Longer means more points of each series per
    /// page written, which is what history's cost is made of; the tenant streams do not wait for it.
    /// </summary>
    public TimeSpan HistoryFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Points held for history at most; past this the fan-out waits for the write in progress (and devices wait with it).</summary>
    [Range(1_000, 10_000_000)]
    public int MaxHistoryBatchPoints { get; set; } = 200_000;

    /// <summary>
    /// Tenant batches waiting to go onto their streams at most; past this a batch is dropped from the stream (and
    /// counted) rather than holding up history and the devices. One flush makes one batch per tenant in it.
    /// </summary>
    [Range(10, 1_000_000)]
    public int StreamQueueCapacity { get; set; } = 1_000;
}
