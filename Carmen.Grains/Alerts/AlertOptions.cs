using System.ComponentModel.DataAnnotations;

namespace Carmen.Grains.Alerts;

/// <summary>How quickly rule changes reach devices, and how often a device re-evaluates rules that depend on time passing.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Carmen:Alerts";

    /// <summary>How often a silo asks a tenant's rules grain whether its rules changed (one call per tenant and silo).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RuleCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a device re-evaluates while time alone can change a rule's outcome: a noData or offline condition not
    /// yet raised, or a condition waiting out its forSeconds. The lateness of such an alert is at most this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often the cluster looks for offline devices whose time-based alert came due with no grain to raise it (its
    /// silo was lost), and wakes them. Such an alert is late by at most this plus twice <see cref="ClockInterval"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a tenant with an integrationHealth rule has its keys' health evaluated against it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:15:00")]
    public TimeSpan IntegrationHealthInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A recorded due time this old has no live timer behind it: a device's own timer fires within one clock interval.</summary>
    public TimeSpan SweepGrace => ClockInterval * 2;
}
