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
}
