namespace Carmen.EdgeAgent.Connection;

/// <summary>Exponential backoff with ±20% jitter, so a fleet that lost its server does not come back in lockstep.</summary>
public sealed class ReconnectBackoff(TimeSpan first, TimeSpan max)
{
    private readonly TimeSpan _first = first;
    private TimeSpan _next = first;

    public TimeSpan Next()
    {
        TimeSpan current = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        return current * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }

    public void Reset() => _next = _first;
}
