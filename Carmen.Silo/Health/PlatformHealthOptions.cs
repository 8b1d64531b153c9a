using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Health;

/// <summary>"Carmen:PlatformHealth": how often each silo checks itself and the cluster, and where the built-in rules draw the line.</summary>
public sealed class PlatformHealthOptions
{
    public const string SectionName = "Carmen:PlatformHealth";

    [Range(typeof(TimeSpan), "00:00:00.200", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How full a silo's telemetry queue may get, in percent of its capacity, before the backlog alert.</summary>
    [Range(1, 100)]
    public int IngestBacklogPercent { get; set; } = 80;

    /// <summary>How far history may fall behind what was accepted before the lag alert.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HistoryLagThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the store probe may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long before the MQTT certificate expires the expiry alert is raised.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan CertificateWarning { get; set; } = TimeSpan.FromDays(14);
}
