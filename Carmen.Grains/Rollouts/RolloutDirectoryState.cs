namespace Carmen.Grains.Rollouts;

[GenerateSerializer, Alias("Carmen.RolloutDirectoryState")]
public sealed class RolloutDirectoryState
{
    [Id(0)] public long LastId { get; set; }
    [Id(1)] public List<long> Ids { get; set; } = [];

    /// <summary>Rollouts not yet ended, with the distribution set (or release) each delivers: what deletion checks.</summary>
    [Id(2)] public Dictionary<long, long> Delivering { get; set; } = [];
}
