using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;

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

    /// <summary>
    /// The address other silos and clients reach this silo at (cluster profile): an IP address, or a host name resolved
    /// once at start-up (a container's service name). The embedded default uses loopback.
    /// </summary>
    [Required]
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The advertised address as an IP address; a host name resolves to its first IPv4 address, else its first address.</summary>
    public IPAddress ResolveAdvertisedAddress()
    {
        if (IPAddress.TryParse(AdvertisedAddress, out IPAddress? address))
        {
            return address;
        }

        IPAddress[] addresses = Dns.GetHostAddresses(AdvertisedAddress);
        return addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"Carmen:Orleans:AdvertisedAddress '{AdvertisedAddress}' does not resolve to any address.");
    }

    /// <summary>
    /// Cluster profile on Kubernetes: Orleans' Kubernetes hosting names the silo after its pod (POD_NAME, POD_NAMESPACE)
    /// and declares a silo dead as soon as its pod is deleted, instead of waiting for missed probes.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>
    /// How long a device grain stays in memory without a call (a message, an API read) before it is deactivated; a
    /// connected device's grain comes back on its next message with its presence and the way to its connection, which
    /// its state holds. Shorter keeps less memory per quiet device, longer saves re-reading its state.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:01", "1.00:00:00")]
    public TimeSpan DeviceIdleDeactivation { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After this many grains were deactivated as idle (checked once per Orleans collection pass, a minute), a node not
    /// under load runs one full, compacting garbage collection that returns their memory to the system; 0 never does.
    /// Without it a quiet node keeps that memory until its next full collection (on the benchmark, not within 250 s).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int ReclaimMemoryAfterDeactivations { get; set; } = 1000;

    /// <summary>
    /// The allocation rate (MiB a second, over the last collection pass) under which a node counts as not under load
    /// for that reclaim, whose pause would hurt a busy node: the benchmark's pass that deactivated 19,000 idle device
    /// grains allocated 2 MiB/s. The rate is the whole process's.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int ReclaimMemoryUnderAllocationMiBPerSecond { get; set; } = 16;

    /// <summary>Names the stored data: grain state and reminders are keyed by it, so it never changes once data exists.</summary>
    [Required]
    public string ServiceId { get; set; } = "carmen";
}
