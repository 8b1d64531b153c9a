namespace Carmen.Grains.Interfaces.Updates;

/// <summary>A file of a software module, stored content-addressed by its SHA-256; the hashes are computed on upload.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ArtifactInfo")]
public sealed record ArtifactInfo(
    [property: Id(0)] string FileName,
    [property: Id(1)] long Size,
    [property: Id(2)] string Sha256,
    [property: Id(3)] string Sha1,
    [property: Id(4)] string Md5,
    [property: Id(5)] DateTimeOffset UploadedAt);
