using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// The audit trail in audit.db beside the embedded store: its own file and writer, so a burst of records never queues
/// in front of grain state. Batches from many chains share the writer's group commit.
/// </summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public const string FileName = "audit.db";

    public Task AppendAsync(string chain, IReadOnlyList<AuditStoreRow> rows, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            // The writer keeps the compiled insert across batches (and chains): small batches of many chains cost no more.
            foreach (AuditStoreRow row in rows)
            {
                transaction.ExecuteNonQuery(AuditSql.InsertRecord, AuditSql.RecordParameters(chain, row));
            }

            return true;
        }, cancellationToken);

    public Task ProbeAsync(string chain, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.ExecuteScalar<long>(AuditSql.Probe, ("@chain", chain)), cancellationToken);

    public Task<(long Id, string Hash)?> ReadHeadAsync(string chain, CancellationToken cancellationToken) =>
        database.ReadAsync<(long, string)?>(connection =>
        {
            using SqliteCommand command = connection.Command(AuditSql.Head, ("@chain", chain));
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredAuditRecord>> QueryAsync(string chain, AuditQuery query, CancellationToken cancellationToken)
    {
        (string sql, List<(string Name, object? Value)> parameters) = AuditSql.Query(chain, query);
        return database.ReadAsync<IReadOnlyList<StoredAuditRecord>>(connection => ReadRecords(connection.Command(sql, [.. parameters])), cancellationToken);
    }

    public Task<IReadOnlyList<StoredAuditRecord>> ReadAsync(string chain, long fromId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StoredAuditRecord>>(connection => ReadRecords(connection.Command(AuditSql.ReadFrom, ("@chain", chain), ("@from", fromId), ("@limit", limit))), cancellationToken);

    public Task<(long? FirstAtOrAfter, long? LastBefore)> FindAsync(string chain, DateTimeOffset at, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            long ms = at.ToUnixTimeMilliseconds();
            return (connection.ExecuteScalar<long?>(AuditSql.FirstAtOrAfter, ("@chain", chain), ("@at", ms)),
                connection.ExecuteScalar<long?>(AuditSql.LastBefore, ("@chain", chain), ("@at", ms)));
        }, cancellationToken);

    public Task AppendCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.ExecuteNonQuery(AuditSql.InsertCheckpoint,
            ("@chain", checkpoint.Chain), ("@record", checkpoint.RecordId), ("@hash", checkpoint.RecordHash),
            ("@at", checkpoint.At.ToUnixTimeMilliseconds()), ("@key", checkpoint.KeyId), ("@signature", checkpoint.Signature)), cancellationToken);

    public Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string chain, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditCheckpoint>>(connection =>
        {
            using SqliteCommand command = connection.Command(AuditSql.Checkpoints, ("@chain", chain));
            using SqliteDataReader reader = command.ExecuteReader();
            var checkpoints = new List<AuditCheckpoint>();
            while (reader.Read())
            {
                checkpoints.Add(new AuditCheckpoint(chain, reader.GetInt64(0), reader.GetString(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3), (byte[])reader.GetValue(4)));
            }

            return checkpoints;
        }, cancellationToken);

    public Task<long> DeleteThroughAsync(string chain, long lastId, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            long removed = transaction.ExecuteNonQuery(AuditSql.DeleteRecords, ("@chain", chain), ("@through", lastId));
            transaction.ExecuteNonQuery(AuditSql.DeleteCheckpoints, ("@chain", chain), ("@through", lastId));
            return removed;
        }, cancellationToken);

    public Task SavePublicKeyAsync(AuditPublicKey key, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.ExecuteNonQuery(AuditSql.InsertKey,
            ("@key", key.KeyId), ("@public", key.PublicKey), ("@created", key.CreatedAt.ToUnixTimeMilliseconds())), cancellationToken);

    public Task<IReadOnlyList<AuditPublicKey>> ReadPublicKeysAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AuditPublicKey>>(connection =>
        {
            using SqliteCommand command = connection.Command(AuditSql.Keys);
            using SqliteDataReader reader = command.ExecuteReader();
            var keys = new List<AuditPublicKey>();
            while (reader.Read())
            {
                keys.Add(new AuditPublicKey(reader.GetString(0), (byte[])reader.GetValue(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }

            return keys;
        }, cancellationToken);

    private static List<StoredAuditRecord> ReadRecords(SqliteCommand command)
    {
        using (command)
        {
            using SqliteDataReader reader = command.ExecuteReader();
            var records = new List<StoredAuditRecord>();
            while (reader.Read())
            {
                records.Add(new StoredAuditRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            return records;
        }
    }
}
