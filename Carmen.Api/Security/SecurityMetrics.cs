using System.Diagnostics.Metrics;

namespace Carmen.Api.Security;

/// <summary>Security events Carmen could not keep (meter "Carmen").</summary>
public static class SecurityMetrics
{
    private static readonly Meter s_meter = new("Carmen");

    public static readonly Counter<long> EventsDropped = s_meter.CreateCounter<long>(
        "carmen.security.events_dropped", "{event}", "Security events dropped: queued past capacity under a flood, or not stored.");
}
