using System.ComponentModel.DataAnnotations;

namespace Carmen.Grains.Security;

/// <summary>Thresholds of the detection rules (docs/security-events.md).</summary>
public sealed class SecurityDetectionOptions
{
    public const string SectionName = "Carmen:Security:Detection";

    /// <summary>Distinct accounts one address may fail to sign in to within <see cref="CredentialStuffingWindow"/> before it is blocked.</summary>
    [Range(2, 10_000)]
    public int CredentialStuffingAccounts { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan CredentialStuffingWindow { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan BlockDuration { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Refused MQTT CONNECTs per minute on one silo above which the storm alert is raised.</summary>
    [Range(1, 10_000_000)]
    public int MqttRefusalsPerMinute { get; set; } = 600;
}
