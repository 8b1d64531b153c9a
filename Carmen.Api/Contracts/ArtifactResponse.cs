using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>A file of a software module: its name, size, the three hashes devices may check, and when it was uploaded.</summary>
public sealed record ArtifactResponse(string FileName, long Size, string Sha256, string Sha1, string Md5, DateTimeOffset UploadedAt)
{
    public static ArtifactResponse From(ArtifactInfo artifact) =>
        new(artifact.FileName, artifact.Size, artifact.Sha256, artifact.Sha1, artifact.Md5, artifact.UploadedAt);
}
