using Npgsql;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>
/// A session-level PostgreSQL advisory lock on a connection: silos that start together take turns at work only one
/// may do (a migration, the first data-protection key). Released on dispose, also when the work failed.
/// </summary>
internal sealed class PostgresAdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private PostgresAdvisoryLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>Waits for the lock; the caller keeps the connection open until the lock is disposed.</summary>
    public static async Task<PostgresAdvisoryLock> TakeAsync(NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand take = new("SELECT pg_advisory_lock(@lock)", connection);
        take.Parameters.AddWithValue("lock", key);
        await take.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresAdvisoryLock(connection, key);
    }

    public async ValueTask DisposeAsync()
    {
        await using NpgsqlCommand release = new("SELECT pg_advisory_unlock(@lock)", _connection);
        release.Parameters.AddWithValue("lock", _key);
        await release.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
