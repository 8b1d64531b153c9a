namespace Carmen.Api.Updates;

/// <summary>What storing an artifact's bytes yields: size and the three hashes DDI clients check (lower-case hex).</summary>
public sealed record StoredContent(long Size, string Sha256, string Sha1, string Md5);
