namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>How many devices of a batch, group or rollout are in each state.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.MemberCounts")]
public sealed record MemberCounts(
    [property: Id(0)] int Scheduled = 0,
    [property: Id(1)] int Running = 0,
    [property: Id(2)] int Verifying = 0,
    [property: Id(3)] int Succeeded = 0,
    [property: Id(4)] int Failed = 0,
    [property: Id(5)] int Canceled = 0,
    [property: Id(6)] int Skipped = 0,
    [property: Id(7)] int RollingBack = 0,
    [property: Id(8)] int RolledBack = 0)
{
    /// <summary>No devices.</summary>
    public static MemberCounts None { get; } = new();

    /// <summary>Every device counted.</summary>
    public int Total => Scheduled + Running + Verifying + Succeeded + Failed + Canceled + Skipped + RollingBack + RolledBack;

    /// <summary>Devices with work still to come (not notified, working, or verifying).</summary>
    public int Live => Scheduled + Running + Verifying + RollingBack;

    /// <summary>Devices that reported an outcome (the sample an error percentage is taken over).</summary>
    public int Settled => Succeeded + Failed;

    /// <summary>Sums two counts.</summary>
    public MemberCounts Add(MemberCounts other) => new(
        Scheduled + other.Scheduled, Running + other.Running, Verifying + other.Verifying, Succeeded + other.Succeeded,
        Failed + other.Failed, Canceled + other.Canceled, Skipped + other.Skipped, RollingBack + other.RollingBack,
        RolledBack + other.RolledBack);

    /// <summary>Counts of the given statuses.</summary>
    public static MemberCounts Of(IEnumerable<MemberStatus> statuses)
    {
        Span<int> counts = stackalloc int[9];
        foreach (MemberStatus status in statuses)
        {
            counts[(int)status]++;
        }

        return new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8]);
    }
}
