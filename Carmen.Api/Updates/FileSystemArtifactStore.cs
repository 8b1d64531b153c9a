using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Updates;

/// <summary>
/// Artifacts as files named by their SHA-256 under the artifact directory ({first two hex digits}/{sha256}). An upload
/// is written to a temporary file while hashed, then moved into place, so a crash mid-upload leaves no partial content
/// under a real name.
/// </summary>
public sealed class FileSystemArtifactStore(IOptions<ArtifactOptions> options) : IArtifactStore
{
    private const int BufferSize = 81920;

    private string Root => options.Value.EffectiveDirectory;

    public async Task<StoredContent> StoreAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        string incoming = Path.Combine(Root, ".incoming");
        Directory.CreateDirectory(incoming);
        string temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long size = 0;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new ArtifactTooLargeException(maxBytes);
                    }

                    sha256.AppendData(buffer, 0, read);
                    sha1.AppendData(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
            }

            var stored = new StoredContent(size, Hex(sha256), Hex(sha1), Hex(md5));
            string final = PathOf(stored.Sha256);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (File.Exists(final))
            {
                File.Delete(temporary); // the same bytes were uploaded before
            }
            else
            {
                File.Move(temporary, final);
            }

            return stored;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public string? Locate(string sha256)
    {
        string path = PathOf(sha256);
        return File.Exists(path) ? path : null;
    }

    private string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256);

    private static string Hex(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());
}
