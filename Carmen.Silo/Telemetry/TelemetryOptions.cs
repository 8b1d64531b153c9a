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

    /// <summary>Points per flush at most: one history transaction, one call per tenant to fleet metrics, one stream item per tenant.</summary>
    [Range(100, 1_000_000)]
    public int MaxBatchPoints { get; set; } = 20_000;

    /// <summary>How long a flush waits to fill up; the latency a point spends in the silo before history and fleet see it.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
