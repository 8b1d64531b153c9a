namespace Carmen.Grains.Interfaces.Updates;

/// <summary>One module of a deployment (hawkBit's "chunk"): its type as the part, name, version, metadata and artifacts.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeploymentChunk")]
public sealed record DeploymentChunk(
    [property: Id(0)] long ModuleId,
    [property: Id(1)] string Part,
    [property: Id(2)] string Name,
    [property: Id(3)] string Version,
    [property: Id(4)] IReadOnlyList<ModuleMetadata> Metadata,
    [property: Id(5)] IReadOnlyList<ArtifactInfo> Artifacts);
