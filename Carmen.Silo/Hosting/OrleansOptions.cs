using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Hosting;

/// <summary>"Carmen:Orleans": silo-to-silo and client gateway ports, and the cluster's identity.</summary>
public sealed class OrleansOptions
{
    public const string SectionName = "Carmen:Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    [Required]
    public string ClusterId { get; set; } = "carmen";

    /// <summary>The address other silos and clients reach this silo at (cluster profile); the embedded default uses loopback.</summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Names the stored data: grain state and reminders are keyed by it, so it never changes once data exists.</summary>
    [Required]
    public string ServiceId { get; set; } = "carmen";
}
