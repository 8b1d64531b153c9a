namespace Carmen.Grains.Interfaces.Updates;

/// <summary>What an operator gives to create a software module: its type (for example "os" or "application"), name and version.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SoftwareModuleSpec")]
public sealed record SoftwareModuleSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] string Type,
    [property: Id(3)] string? Vendor = null,
    [property: Id(4)] string? Description = null,
    [property: Id(5)] IReadOnlyList<ModuleMetadata>? Metadata = null);
