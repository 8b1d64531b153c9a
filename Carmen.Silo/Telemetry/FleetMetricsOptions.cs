using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Telemetry;

/// <summary>"Carmen:Fleet": what of each tenant's fleet view is published as metrics, and how often.</summary>
public sealed class FleetMetricsOptions
{
    public const string SectionName = "Carmen:Fleet";

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Telemetry keys whose highest devices per tenant are published, comma-separated.</summary>
    public string TopKeys { get; set; } = "cpu,disk";

    /// <summary>Devices per tenant and key: few, so the series stay few however large the fleet.</summary>
    [Range(1, 50)]
    public int TopDevices { get; set; } = 5;
}
