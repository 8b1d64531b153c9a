using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Rollouts;
using Carmen.Silo.Storage.Sql;
using Npgsql;
using Orleans.Serialization;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>The rollout inbox in PostgreSQL: a batch's post is one round trip, its device rows inserted from one array.</summary>
public sealed class PostgresRolloutInbox(NpgsqlDataSource database, Serializer serializer) : IRolloutInbox
{
    private const string InsertSql =
        """
        INSERT INTO rollout_inbox (tenant_id, device_id, rollout_id, batch, posted_at)
        SELECT @tenant, device, @rollout, @batch, @now FROM unnest(@devices) AS device
        ON CONFLICT (tenant_id, device_id, rollout_id) DO UPDATE SET batch = excluded.batch, posted_at = excluded.posted_at
        """;

    public async Task PostAsync(string tenantId, AssignmentRequest request, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken)
    {
        RolloutLink link = request.Rollout ?? throw new ArgumentException("Only a rollout's request is posted.", nameof(request));
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(NpgsqlCommands.Batched(RolloutInboxRows.UpsertPostSql,
            ("@tenant", tenantId), ("@rollout", link.RolloutId), ("@batch", link.Batch), ("@set", request.Deployment.DistributionSetId),
            ("@request", serializer.SerializeToArray(request))));
        batch.BatchCommands.Add(NpgsqlCommands.Batched(InsertSql,
            ("@tenant", tenantId), ("@devices", deviceIds.ToArray()), ("@rollout", link.RolloutId), ("@batch", link.Batch),
            ("@now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AssignmentRequest>> PeekAsync(DeviceKey device, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(RolloutInboxRows.PeekSql);
        command.Parameters.AddWithValue("@tenant", device.TenantId);
        command.Parameters.AddWithValue("@device", device.DeviceId);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var posted = new List<AssignmentRequest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            posted.Add(serializer.Deserialize<AssignmentRequest>(reader.GetFieldValue<byte[]>(0))!);
        }

        return posted;
    }

    public async Task RemoveAsync(DeviceKey device, long rolloutId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(RolloutInboxRows.RemoveSql);
        command.Parameters.AddWithValue("@tenant", device.TenantId);
        command.Parameters.AddWithValue("@device", device.DeviceId);
        command.Parameters.AddWithValue("@rollout", rolloutId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> RecallAsync(string tenantId, long rolloutId, int batch, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand($"WITH retired AS ({RolloutInboxRows.RetirePostSql}) {RolloutInboxRows.RecallSql}");
        command.Parameters.AddWithValue("@tenant", tenantId);
        command.Parameters.AddWithValue("@rollout", rolloutId);
        command.Parameters.AddWithValue("@batch", batch);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var recalled = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            recalled.Add(reader.GetString(0));
        }

        return recalled;
    }

    public async Task<long> CountPostedAsync(string tenantId, long distributionSetId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(RolloutInboxRows.CountPostedSql);
        command.Parameters.AddWithValue("@tenant", tenantId);
        command.Parameters.AddWithValue("@set", distributionSetId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
