using System.Collections.Concurrent;
using System.Net;

namespace Carmen.Silo.Mqtt;

/// <summary>
/// Blocks an IP address for a while after repeated failed CONNECTs, so credentials cannot be guessed at wire speed.
/// Per silo: an attacker spread over silos gets the limit once per silo, which still caps the rate.
/// </summary>
internal sealed class AuthFailureThrottle(MqttOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<IPAddress, Failures> _failures = new();

    public bool IsBlocked(IPAddress? address) =>
        address is not null && _failures.TryGetValue(address, out Failures? failures) && failures.BlockedUntil > time.GetUtcNow();

    public void RecordFailure(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        Failures failures = _failures.GetOrAdd(address, _ => new Failures());
        lock (failures)
        {
            if (now - failures.WindowStart > options.AuthFailureWindow)
            {
                failures.WindowStart = now;
                failures.Count = 0;
            }

            if (++failures.Count >= options.AuthFailureLimit)
            {
                failures.BlockedUntil = now + options.AuthBlockDuration;
                failures.Count = 0;
            }
        }

        if (_failures.Count > 100_000)
        {
            Prune(now);
        }
    }

    /// <summary>Forgets addresses that are neither blocked nor failing lately, so a scan of many addresses cannot grow this without bound.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach ((IPAddress address, Failures failures) in _failures)
        {
            if (failures.BlockedUntil < now && now - failures.WindowStart > options.AuthFailureWindow)
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
