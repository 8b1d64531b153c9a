namespace Carmen.Silo.Mqtt;

/// <summary>A token bucket: <see cref="PerSecond"/> tokens a second, holding at most one second's worth (the burst).</summary>
internal sealed class RateBucket(double perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = perSecond;
    private long _refilledAt = time.GetTimestamp();

    public double PerSecond { get; } = perSecond;

    /// <summary>Takes <paramref name="count"/> tokens if there are that many; a request larger than the burst is never granted.</summary>
    public bool TryTake(double count)
    {
        lock (_gate)
        {
            long now = time.GetTimestamp();
            _tokens = Math.Min(PerSecond, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * PerSecond));
            _refilledAt = now;
            if (_tokens < count)
            {
                return false;
            }

            _tokens -= count;
            return true;
        }
    }
}
