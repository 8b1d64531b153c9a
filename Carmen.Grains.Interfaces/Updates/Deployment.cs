namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// A distribution set resolved for installing: its modules with their device-visible metadata and artifacts, as they
/// were when the action was created. An action keeps this copy, so devices polling for it never reach the catalog.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.Deployment")]
public sealed record Deployment(
    [property: Id(0)] long DistributionSetId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Version,
    [property: Id(3)] IReadOnlyList<DeploymentChunk> Chunks,
    [property: Id(4)] IReadOnlyList<string> DeviceTypes);
