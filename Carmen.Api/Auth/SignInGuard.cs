using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Auth;

/// <summary>
/// Throttles sign-ins before any account is looked at: per source address (failures against unknown names count
/// alike), and node-wide, where a spray from many addresses past the ceiling leaves only the addresses that signed in
/// successfully lately (administrators where they usually work) able to sign in until the minute is over.
/// </summary>
public sealed class SignInGuard
{
    private const int TrustedKept = 10_000;
    private static readonly TimeSpan s_trustFor = TimeSpan.FromDays(30);

    private readonly FailureThrottle _perAddress;
    private readonly CredentialThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<IPAddress, DateTimeOffset> _trusted = new();
    private readonly Lock _minuteLock = new();
    private DateTimeOffset _minute;
    private int _failuresThisMinute;

    public SignInGuard(IOptions<CredentialThrottleOptions> options, TimeProvider time)
    {
        (_options, _time) = (options.Value, time);
        _perAddress = new FailureThrottle(_options.FailuresPerAddress, _options.Window, _options.BlockDuration, time);
    }

    /// <summary>How long <paramref name="address"/> must wait before it may try, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (_perAddress.BlockedUntil(address) is DateTimeOffset blocked)
        {
            return blocked - now;
        }

        lock (_minuteLock)
        {
            bool overCeiling = now - _minute < TimeSpan.FromMinutes(1) && _failuresThisMinute >= _options.SignInFailuresPerMinute;
            return overCeiling && !IsTrusted(address, now) ? _minute + TimeSpan.FromMinutes(1) - now : null;
        }
    }

    public void RecordFailure(IPAddress? address)
    {
        _perAddress.RecordFailure(address);
        DateTimeOffset now = _time.GetUtcNow();
        lock (_minuteLock)
        {
            if (now - _minute >= TimeSpan.FromMinutes(1))
            {
                (_minute, _failuresThisMinute) = (now, 0);
            }

            _failuresThisMinute++;
        }
    }

    public void RecordSuccess(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        DateTimeOffset now = _time.GetUtcNow();
        _trusted[address] = now;
        if (_trusted.Count > TrustedKept)
        {
            foreach ((IPAddress stale, _) in _trusted.OrderBy(entry => entry.Value).Take(_trusted.Count - TrustedKept))
            {
                _trusted.TryRemove(stale, out _);
            }
        }
    }

    private bool IsTrusted(IPAddress? address, DateTimeOffset now) =>
        address is not null && _trusted.TryGetValue(address, out DateTimeOffset since) && now - since < s_trustFor;
}
