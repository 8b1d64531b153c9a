using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Hosting;

/// <summary>
/// "Carmen:Metrics": the Prometheus scrape endpoint, on a listener of its own so that the API's port never serves it.
/// Its labels name tenants and devices, so it listens on loopback unless told otherwise, and can require a bearer
/// token (a scraper from another machine should send one).
/// </summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Carmen:Metrics";

    /// <summary>Where /metrics listens; 0.0.0.0 for a scraper on another machine (then set <see cref="ScrapeToken"/>).</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The metrics listener's port (OpenTelemetry's usual Prometheus port); 0 serves no /metrics (OTLP export only).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9464;

    /// <summary>When set, a scrape must send "Authorization: Bearer {token}".</summary>
    public string? ScrapeToken { get; set; }
}
