using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>One software module of a deployment (part is its type, as hawkBit's DDI names it) with its metadata and artifacts.</summary>
public sealed record DeploymentChunkResponse(
    long ModuleId,
    string Part,
    string Name,
    string Version,
    IReadOnlyList<ModuleMetadataContract> Metadata,
    IReadOnlyList<ArtifactResponse> Artifacts)
{
    public static DeploymentChunkResponse From(DeploymentChunk chunk) => new(
        chunk.ModuleId, chunk.Part, chunk.Name, chunk.Version,
        [.. chunk.Metadata.Select(ModuleMetadataContract.From)],
        [.. chunk.Artifacts.Select(ArtifactResponse.From)]);
}
