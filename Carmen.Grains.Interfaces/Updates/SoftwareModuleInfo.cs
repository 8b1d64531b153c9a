namespace Carmen.Grains.Interfaces.Updates;

/// <summary>A software module: one installable piece (an OS image, an application) with its artifacts.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SoftwareModuleInfo")]
public sealed record SoftwareModuleInfo(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Version,
    [property: Id(3)] string Type,
    [property: Id(4)] string? Vendor,
    [property: Id(5)] string? Description,
    [property: Id(6)] IReadOnlyList<ModuleMetadata> Metadata,
    [property: Id(7)] IReadOnlyList<ArtifactInfo> Artifacts,
    [property: Id(8)] DateTimeOffset CreatedAt);
