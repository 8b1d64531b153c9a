namespace Carmen.Grains.Incidents;

[GenerateSerializer, Alias("Carmen.IncidentDirectoryState")]
public sealed class IncidentDirectoryState
{
    [Id(0)] public long LastId { get; set; }
    [Id(1)] public List<long> Ids { get; set; } = [];
}
