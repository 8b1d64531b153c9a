using System.Collections.Concurrent;
using System.Net;

namespace Carmen.Api.Auth;

/// <summary>
/// Blocks an IP address for a while after repeated failed credential checks (MQTT CONNECTs, DDI tokens, sign-ins),
/// so credentials cannot be guessed at wire speed, whether the name tried exists or not. Per node: an attacker
/// spread over nodes gets the limit once per node, which still caps the rate.
/// </summary>
public sealed class FailureThrottle(int limit, TimeSpan window, TimeSpan blockFor, TimeProvider time)
{
    private const int PruneAbove = 100_000;

    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();

    /// <summary>Until when the address is blocked, or null when it is not.</summary>
    public DateTimeOffset? BlockedUntil(IPAddress? address) =>
        address is not null && _failures.TryGetValue(ClientAddress.Normal(address)!, out Failures? failures) && failures.BlockedUntil > time.GetUtcNow()
            ? failures.BlockedUntil
            : null;

    public bool IsBlocked(IPAddress? address) => BlockedUntil(address) is not null;

    /// <summary>Counts a failure; true when it is the one that blocks the address.</summary>
    public bool RecordFailure(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        bool blocked = false;
        DateTimeOffset now = time.GetUtcNow();
        Failures failures = _failures.GetOrAdd(ClientAddress.Normal(address)!, _ => new Failures());
        lock (failures)
        {
            if (now - failures.WindowStart > window)
            {
                failures.WindowStart = now;
                failures.Count = 0;
            }

            if (++failures.Count >= limit)
            {
                failures.BlockedUntil = now + blockFor;
                failures.Count = 0;
                blocked = true;
            }
        }

        if (_failures.Count > PruneAbove)
        {
            Prune(now);
        }

        return blocked;
    }

    /// <summary>Forgets addresses that are neither blocked nor failing lately, so a scan of many addresses cannot grow this without bound.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach ((IPAddress address, Failures failures) in _failures)
        {
            if (failures.BlockedUntil < now && now - failures.WindowStart > window)
            {
                _failures.TryRemove(address, out _);
            }
        }
    }

    private sealed class Failures
    {
        public DateTimeOffset WindowStart;
        public int Count;
        public DateTimeOffset BlockedUntil;
    }
}
