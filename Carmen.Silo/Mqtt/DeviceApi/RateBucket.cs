namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// A token bucket: <see cref="PerSecond"/> tokens a second, holding at most one second's worth. A take succeeds while
/// the bucket is not empty and may overdraw it, so one large message (a device flushing its backlog) goes through and
/// the messages after it wait until the debt is repaid: the average rate holds either way.
/// </summary>
internal sealed class RateBucket(double perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = perSecond;
    private long _refilledAt = time.GetTimestamp();

    public double PerSecond { get; } = perSecond;

    /// <summary>Takes <paramref name="count"/> tokens if the bucket is not empty, possibly leaving it in debt.</summary>
    public bool TryTake(double count)
    {
        lock (_gate)
        {
            long now = time.GetTimestamp();
            _tokens = Math.Min(PerSecond, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * PerSecond));
            _refilledAt = now;
            if (_tokens <= 0)
            {
                return false;
            }

            _tokens -= count;
            return true;
        }
    }
}
