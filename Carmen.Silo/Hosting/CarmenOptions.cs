using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Hosting;

/// <summary>The "Carmen" configuration section: where data lives and which store holds it.</summary>
public sealed class CarmenOptions
{
    public const string SectionName = "Carmen";

    /// <summary>Directory of the embedded store; relative paths are resolved against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary><see cref="StorageKind.Embedded"/> (default, one node) or <see cref="StorageKind.Postgres"/> (cluster profile).</summary>
    public StorageKind Storage { get; set; } = StorageKind.Embedded;
}
