using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

[GenerateSerializer, Alias("Carmen.RolloutGroupState")]
public sealed class RolloutGroupState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public RolloutGroupStatus Status { get; set; }
    [Id(2)] public int Size { get; set; }

    /// <summary>The group's batches are numbered from here, one per thousand devices.</summary>
    [Id(3)] public int FirstBatch { get; set; }

    /// <summary>Each batch's counters as of its last tick.</summary>
    [Id(4)] public List<MemberCounts> BatchCounts { get; set; } = [];

    [Id(5)] public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Since when the success percentage has held (reset when it drops below).</summary>
    [Id(6)] public DateTimeOffset? SuccessReachedAt { get; set; }

    [Id(7)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(8)] public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>Failures (and outcomes) already counted when an operator resumed; the error condition looks past them.</summary>
    [Id(9)] public int FailedBaseline { get; set; }
    [Id(10)] public int SettledBaseline { get; set; }

    public MemberCounts Counts => BatchCounts.Aggregate(MemberCounts.None, (sum, batch) => sum.Add(batch));

    public IEnumerable<int> Batches => Enumerable.Range(FirstBatch, BatchCounts.Count);
}
