namespace Carmen.Grains.Tests;

/// <summary>A cluster of its own whose clock tests move forward: minutes of an outage pass in an instant.</summary>
public sealed class ShiftedClockClusterFixture : ClusterFixture
{
    public ShiftedClockClusterFixture()
        : this(new ShiftedClock())
    {
    }

    private ShiftedClockClusterFixture(ShiftedClock clock)
        : base(clock) => Clock = clock;

    public ShiftedClock Clock { get; }
}
