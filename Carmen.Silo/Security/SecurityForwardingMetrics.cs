using System.Diagnostics.Metrics;

namespace Carmen.Silo.Security;

/// <summary>Security events sent to syslog, and dropped on the way (meter "Carmen").</summary>
public static class SecurityForwardingMetrics
{
    private static readonly Meter s_meter = new("Carmen");

    public static readonly Counter<long> Sent = s_meter.CreateCounter<long>("carmen.security.syslog_sent", "{event}", "Security events written to the syslog receiver.");

    public static readonly Counter<long> Dropped = s_meter.CreateCounter<long>(
        "carmen.security.syslog_dropped", "{event}", "Security events dropped while the syslog receiver was unreachable and the buffer full.");
}
