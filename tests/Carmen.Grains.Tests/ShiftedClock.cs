namespace Carmen.Grains.Tests;

/// <summary>
/// The system clock moved forward by whatever a test asks: wall-clock time jumps, while timers and elapsed-time
/// measurements run at real speed, so the runtime's own timers keep working and a grain's timer still fires.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
