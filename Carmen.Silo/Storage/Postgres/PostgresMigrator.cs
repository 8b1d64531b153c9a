using Carmen.Silo.Storage.Sql;
using Npgsql;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>
/// Applies deploy/sql/postgres/NNNN_*.sql that the database has not seen, each in its own transaction, recorded in
/// carmen_schema_version. An advisory lock makes silos that start together take turns; re-running is a no-op.
/// </summary>
public sealed partial class PostgresMigrator(NpgsqlDataSource database, ILogger<PostgresMigrator> logger)
{
    /// <summary>Resource prefix of the scripts in deploy/sql/postgres, embedded in this assembly.</summary>
    public const string MigrationsPrefix = "Carmen.Silo.Storage.Postgres.Migrations.";

    private const long MigrationLock = 0x0CA4_3E11;

    /// <summary>Applies what is pending; returns the versions applied now.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using PostgresAdvisoryLock turn = await PostgresAdvisoryLock.TakeAsync(connection, MigrationLock, cancellationToken);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS carmen_schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);
        await using NpgsqlCommand current = new("SELECT coalesce(max(version), 0) FROM carmen_schema_version", connection);
        int applied = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
        var versions = new List<int>();
        foreach ((int version, string name, string sql) in EmbeddedMigrations.Load(MigrationsPrefix).Where(migration => migration.Version > applied))
        {
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await ExecuteAsync(connection, transaction, "INSERT INTO carmen_schema_version (version, name) VALUES (@version, @name)", cancellationToken,
                ("version", version), ("name", name));
            await transaction.CommitAsync(cancellationToken);
            LogApplied(version, name);
            versions.Add(version);
        }

        return versions;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema migrated to version {Version} ({Name})")]
    private partial void LogApplied(int version, string name);
}
