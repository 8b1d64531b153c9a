namespace Carmen.Api.Updates;

/// <summary>
/// Where artifact contents live, addressed by SHA-256: the same bytes uploaded twice are stored once. The one seam an
/// object store (S3, Azure Blob) would plug into.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores a stream, computing its hashes as it goes; throws <see cref="ArtifactTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    Task<StoredContent> StoreAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The local file holding the content, or null when it is missing.</summary>
    string? Locate(string sha256);
}
