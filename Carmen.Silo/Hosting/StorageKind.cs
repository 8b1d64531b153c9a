namespace Carmen.Silo.Hosting;

public enum StorageKind
{
    /// <summary>One node, everything in a SQLite file under the data directory.</summary>
    Embedded,

    /// <summary>A cluster on PostgreSQL.</summary>
    Postgres,
}
