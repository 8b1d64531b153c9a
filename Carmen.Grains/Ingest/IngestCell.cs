using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Ingest;

/// <summary>
/// A connected device's telemetry as its silo's ingest shard takes it between the grain's turns: the terms the grain
/// set (which connection, which keys it must see itself), and what was taken since the grain last looked. The grain
/// closes the cell for the length of each of its turns and takes what the cell holds at the start of each, so the
/// grain's state is never touched off its thread and a read through the grain always sees every value taken before it.
/// </summary>
public sealed class IngestCell
{
    private readonly Lock _lock = new();
    private Dictionary<string, TimestampedValue> _latest = new(StringComparer.Ordinal);
    private long _messages;
    private long _points;
    private DateTimeOffset _lastSeenAt;
    private IngestTerms? _terms;

    /// <summary>
    /// Takes the points when the cell is open for this connection under the rules the grain saw, and none of them is
    /// a key the grain must see (an alert rule reads it, or it reports firmware); false leaves them to the grain.
    /// </summary>
    public bool TryTake(string connectionId, TelemetryPoint[] points, TenantAlertRules rules, DateTimeOffset now, out string clusterId)
    {
        lock (_lock)
        {
            if (_terms is not IngestTerms terms || terms.ConnectionId != connectionId || !ReferenceEquals(terms.Rules, rules) || terms.WatchesAny(points))
            {
                clusterId = "";
                return false;
            }

            foreach (TelemetryPoint point in points)
            {
                if (!_latest.TryGetValue(point.Key, out TimestampedValue current) || current.Timestamp <= point.Timestamp)
                {
                    _latest[point.Key] = new TimestampedValue(point.Timestamp, point.Value);
                }
            }

            _messages++;
            _points += points.Length;
            _lastSeenAt = now;
            clusterId = terms.ClusterId;
            return true;
        }
    }

    /// <summary>Lets the shard take messages on these terms, until <see cref="Close"/>.</summary>
    public void Open(IngestTerms terms)
    {
        lock (_lock)
        {
            _terms = terms;
        }
    }

    /// <summary>Closes the cell and hands over what it took since the last hand-over (null when nothing).</summary>
    public IngestTaken? Close()
    {
        lock (_lock)
        {
            _terms = null;
            if (_messages == 0)
            {
                return null;
            }

            var taken = new IngestTaken(_latest, _messages, _points, _lastSeenAt);
            _latest = new Dictionary<string, TimestampedValue>(StringComparer.Ordinal);
            (_messages, _points) = (0, 0);
            return taken;
        }
    }
}
