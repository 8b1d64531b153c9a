using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Updates;

/// <summary>The "Carmen:Artifacts" section: where uploaded artifacts are kept and how large one may be.</summary>
public sealed class ArtifactOptions
{
    public const string SectionName = "Carmen:Artifacts";

    /// <summary>
    /// The artifact directory. A silo defaults to "artifacts" under its data directory, an API process of its own to
    /// data/artifacts under its working directory; in a cluster every process must point at the same shared directory.
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>Where artifacts go when no directory is configured.</summary>
    public string EffectiveDirectory => Directory is { Length: > 0 } configured ? configured : Path.Combine("data", "artifacts");

    /// <summary>The largest artifact accepted (default 2 GiB).</summary>
    [Range(1, long.MaxValue)]
    public long MaxSizeBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
