namespace Carmen.Grains.Tenants;

[GenerateSerializer, Alias("Carmen.ClusterState")]
public sealed class ClusterState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string BusinessUnitId { get; set; } = "";
}
