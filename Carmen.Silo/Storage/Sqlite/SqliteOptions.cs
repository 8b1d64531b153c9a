using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>Tuning of the embedded store. The defaults favour durability: a write is acknowledged once it is on disk.</summary>
public sealed class SqliteOptions
{
    public const string SectionName = "Carmen:Embedded";

    /// <summary>Most writes committed in one transaction; concurrent writers share the cost of one fsync.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>FULL syncs the log on every commit (nothing acknowledged is lost on power failure); NORMAL survives process crashes only.</summary>
    [RegularExpression("^(FULL|NORMAL)$")]
    public string Synchronous { get; set; } = "FULL";

    /// <summary>Page cache of the writer connection; index pages keyed by random values (token hashes) stay hot in it.</summary>
    [Range(2048, 4_194_304)]
    public int WriterCacheKiB { get; set; } = 65_536;
}
