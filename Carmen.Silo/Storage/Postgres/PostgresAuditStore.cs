using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Silo.Storage.Sql;
using Npgsql;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>The audit trail on PostgreSQL: a chain's batch is one INSERT over unnested arrays, one round trip.</summary>
public sealed class PostgresAuditStore(NpgsqlDataSource database) : IAuditStore
{
    private const string InsertBatchSql =
        """
        INSERT INTO audit_records (chain, id, at, source, actor, action, target_type, target_id, address, body, hash)
        SELECT @chain, * FROM unnest(@ids, @ats, @sources, @actors, @actions, @targetTypes, @targetIds, @addresses, @bodies, @hashes)
        """;

    public async Task AppendAsync(string chain, IReadOnlyList<AuditStoreRow> rows, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(InsertBatchSql,
            ("@chain", chain),
            ("@ids", rows.Select(row => row.Id).ToArray()),
            ("@ats", rows.Select(row => row.At.ToUnixTimeMilliseconds()).ToArray()),
            ("@sources", rows.Select(row => row.Source).ToArray()),
            ("@actors", rows.Select(row => row.Actor).ToArray()),
            ("@actions", rows.Select(row => row.Action).ToArray()),
            ("@targetTypes", rows.Select(row => row.TargetType).ToArray()),
            ("@targetIds", rows.Select(row => row.TargetId).ToArray()),
            ("@addresses", rows.Select(row => row.Address).ToArray()),
            ("@bodies", rows.Select(row => row.Body).ToArray()),
            ("@hashes", rows.Select(row => row.Hash).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ProbeAsync(string chain, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AuditSql.Probe, ("@chain", chain));
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<(long Id, string Hash)?> ReadHeadAsync(string chain, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AuditSql.Head, ("@chain", chain));
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public Task<IReadOnlyList<StoredAuditRecord>> QueryAsync(string chain, AuditQuery query, CancellationToken cancellationToken)
    {
        (string sql, List<(string Name, object? Value)> parameters) = AuditSql.Query(chain, query);
        return ReadRecordsAsync(database.Command(sql, [.. parameters]), cancellationToken);
    }

    public Task<IReadOnlyList<StoredAuditRecord>> ReadAsync(string chain, long fromId, int limit, CancellationToken cancellationToken) =>
        ReadRecordsAsync(database.Command(AuditSql.ReadFrom, ("@chain", chain), ("@from", fromId), ("@limit", limit)), cancellationToken);

    public async Task<(long? FirstAtOrAfter, long? LastBefore)> FindAsync(string chain, DateTimeOffset at, CancellationToken cancellationToken)
    {
        long ms = at.ToUnixTimeMilliseconds();
        await using NpgsqlCommand first = database.Command(AuditSql.FirstAtOrAfter, ("@chain", chain), ("@at", ms));
        await using NpgsqlCommand last = database.Command(AuditSql.LastBefore, ("@chain", chain), ("@at", ms));
        return (await first.ExecuteScalarAsync(cancellationToken) as long?, await last.ExecuteScalarAsync(cancellationToken) as long?);
    }

    public async Task AppendCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AuditSql.InsertCheckpoint,
            ("@chain", checkpoint.Chain), ("@record", checkpoint.RecordId), ("@hash", checkpoint.RecordHash),
            ("@at", checkpoint.At.ToUnixTimeMilliseconds()), ("@key", checkpoint.KeyId), ("@signature", checkpoint.Signature));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string chain, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AuditSql.Checkpoints, ("@chain", chain));
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var checkpoints = new List<AuditCheckpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints.Add(new AuditCheckpoint(chain, reader.GetInt64(0), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3), (byte[])reader.GetValue(4)));
        }

        return checkpoints;
    }

    public async Task<long> DeleteThroughAsync(string chain, long lastId, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var records = new NpgsqlCommand(AuditSql.DeleteRecords, connection, transaction);
        records.Parameters.AddWithValue("@chain", chain);
        records.Parameters.AddWithValue("@through", lastId);
        long removed = await records.ExecuteNonQueryAsync(cancellationToken);
        await using var checkpoints = new NpgsqlCommand(AuditSql.DeleteCheckpoints, connection, transaction);
        checkpoints.Parameters.AddWithValue("@chain", chain);
        checkpoints.Parameters.AddWithValue("@through", lastId);
        await checkpoints.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task SavePublicKeyAsync(AuditPublicKey key, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AuditSql.InsertKey,
            ("@key", key.KeyId), ("@public", key.PublicKey), ("@created", key.CreatedAt.ToUnixTimeMilliseconds()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditPublicKey>> ReadPublicKeysAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AuditSql.Keys);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<AuditPublicKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new AuditPublicKey(reader.GetString(0), (byte[])reader.GetValue(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return keys;
    }

    private static async Task<IReadOnlyList<StoredAuditRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            var records = new List<StoredAuditRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(new StoredAuditRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }

            return records;
        }
    }
}
