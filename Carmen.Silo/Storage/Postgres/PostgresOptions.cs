namespace Carmen.Silo.Storage.Postgres;

/// <summary>"Carmen:Postgres": the cluster profile's store. The connection string is ConnectionStrings:Carmen.</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "Carmen:Postgres";

    public const string ConnectionStringName = "Carmen";

    /// <summary>The ADO.NET invariant the Orleans providers load Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Apply pending schema migrations when a silo starts (otherwise run `Carmen.Silo migrate` first).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Connections per pool when the connection string sets no Maximum Pool Size. A silo has two pools (the Orleans
    /// providers' and Carmen's), so it uses at most twice this; size PostgreSQL's max_connections for all silos.
    /// Beyond it, callers queue for a connection rather than fail.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(2, 1000)]
    public int MaxPoolSize { get; set; } = 25;

    /// <summary>The connection string with the pool capped at <see cref="MaxPoolSize"/> unless it sets its own cap.</summary>
    public string Bounded(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }

        return builder.ConnectionString;
    }
}
