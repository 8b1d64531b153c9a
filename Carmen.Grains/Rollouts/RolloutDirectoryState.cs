namespace Carmen.Grains.Rollouts;

[GenerateSerializer, Alias("Carmen.RolloutDirectoryState")]
public sealed class RolloutDirectoryState
{
    [Id(0)] public long LastId { get; set; }
    [Id(1)] public List<long> Ids { get; set; } = [];
}
