using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Ingest;

/// <summary>
/// What a device grain lets its silo's ingest shard take: messages of this connection, for this cluster, while the
/// tenant's rules are still <see cref="Rules"/>, and none carrying a key in <see cref="Watched"/> (read by a covering
/// alert rule, or otherwise meaningful to the grain).
/// </summary>
public sealed record IngestTerms(string ConnectionId, string ClusterId, TenantAlertRules Rules, IReadOnlySet<string> Watched)
{
    public bool WatchesAny(TelemetryPoint[] points)
    {
        if (Watched.Count == 0)
        {
            return false;
        }

        foreach (TelemetryPoint point in points)
        {
            if (Watched.Contains(point.Key))
            {
                return true;
            }
        }

        return false;
    }
}
