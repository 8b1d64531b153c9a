namespace Carmen.Api.Updates;

/// <summary>An upload went past the configured maximum; nothing of it is kept.</summary>
public sealed class ArtifactTooLargeException(long maxBytes)
    : Exception($"The artifact is larger than the limit of {maxBytes} bytes (Carmen:Artifacts:MaxSizeBytes).")
{
    public long MaxBytes { get; } = maxBytes;
}
