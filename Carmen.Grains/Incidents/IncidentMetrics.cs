using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;

namespace Carmen.Grains.Incidents;

/// <summary>Incident response counters.</summary>
internal static class IncidentMetrics
{
    public static readonly Counter<long> Opened =
        CarmenDiagnostics.Meter.CreateCounter<long>("carmen.incidents.opened", "{incident}", "Security incidents opened.");

    public static readonly Counter<long> DevicesContained =
        CarmenDiagnostics.Meter.CreateCounter<long>("carmen.incidents.devices", "{device}", "Devices an incident's actions ran on, by outcome (contained, failed, released).");
}
