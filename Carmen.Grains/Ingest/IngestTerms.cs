using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Ingest;

/// <summary>
/// What a device grain lets its silo's ingest shard take: messages of this connection, for this cluster, while the
/// tenant's rules are still <see cref="Rules"/> (of which <see cref="Covering"/> cover the device), and none carrying
/// a key in <see cref="KeysForTheGrain"/> (firmware state, which moves update actions).
/// </summary>
public sealed record IngestTerms(
    IIngestTarget Target, string ConnectionId, string ClusterId, TenantAlertRules Rules, CompiledAlertRule[] Covering, IReadOnlySet<string> KeysForTheGrain)
{
    public bool AnyForTheGrain(TelemetryPoint[] points)
    {
        foreach (TelemetryPoint point in points)
        {
            if (KeysForTheGrain.Contains(point.Key))
            {
                return true;
            }
        }

        return false;
    }
}
