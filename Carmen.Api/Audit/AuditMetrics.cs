using System.Diagnostics.Metrics;

namespace Carmen.Api.Audit;

/// <summary>What recording costs the API and what it could not record (meter "Carmen", with the rest of Carmen's).</summary>
public static class AuditMetrics
{
    private static readonly Meter s_meter = new("Carmen");

    public static readonly Histogram<double> CaptureDuration = s_meter.CreateHistogram<double>(
        "carmen.audit.capture_duration", "ms", "Time a mutating call spent on its record: reading the resource before and after, and the commit.");

    public static readonly Counter<long> Unrecorded = s_meter.CreateCounter<long>(
        "carmen.audit.unrecorded", "{call}", "Changes made but not recorded because the trail could not be written (fail-open), or refused (fail-closed).");
}
