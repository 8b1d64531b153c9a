using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Ingest;

/// <summary>
/// The door between a connected device's grain and its silo's ingest shard. The grain opens it at the end of each of
/// its turns, on terms worked out from the state the turn left, and closes it at the start of the next: while it is
/// open the shard hands messages to the grain's <see cref="IIngestTarget"/>, one at a time under the cell's lock, so
/// the grain's state is touched by one thread at a time, and a turn sees every message taken before it.
/// </summary>
public sealed class IngestCell
{
    private readonly Lock _lock = new();
    private IngestTerms? _terms;

    /// <summary>Offers the points: taken when the cell is open for this connection under the rules the grain saw.</summary>
    public IngestOutcome TryTake(string connectionId, TelemetryPoint[] points, TenantAlertRules rules, DateTimeOffset now, out string clusterId)
    {
        lock (_lock)
        {
            if (_terms is not IngestTerms terms || terms.ConnectionId != connectionId || !ReferenceEquals(terms.Rules, rules) || terms.AnyForTheGrain(points))
            {
                clusterId = "";
                return IngestOutcome.Refused;
            }

            clusterId = terms.ClusterId;
            IngestOutcome outcome = terms.Target.TakeBetweenTurns(points, now, terms);
            if (outcome == IngestOutcome.TakenForTheGrain)
            {
                _terms = null; // nothing more until the grain has acted on this one
            }

            return outcome;
        }
    }

    /// <summary>Lets the shard hand messages to the grain on these terms, until <see cref="Close"/>.</summary>
    public void Open(IngestTerms terms)
    {
        lock (_lock)
        {
            _terms = terms;
        }
    }

    /// <summary>Closes the cell, once a message being taken is taken.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _terms = null;
        }
    }
}
