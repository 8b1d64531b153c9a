using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>A software module: the fields of <see cref="CreateSoftwareModuleRequest"/>, its id, its artifacts and when it was created.</summary>
public sealed record SoftwareModuleResponse(
    long Id,
    string Name,
    string Version,
    string Type,
    string? Vendor,
    string? Description,
    IReadOnlyList<ModuleMetadataContract> Metadata,
    IReadOnlyList<ArtifactResponse> Artifacts,
    DateTimeOffset CreatedAt)
{
    public static SoftwareModuleResponse From(SoftwareModuleInfo module) => new(
        module.Id, module.Name, module.Version, module.Type, module.Vendor, module.Description,
        [.. module.Metadata.Select(ModuleMetadataContract.From)],
        [.. module.Artifacts.Select(ArtifactResponse.From)], module.CreatedAt);
}
