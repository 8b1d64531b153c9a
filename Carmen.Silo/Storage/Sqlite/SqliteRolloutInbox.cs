using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Rollouts;
using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;
using Orleans.Serialization;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>The rollout inbox in the embedded store: a batch's post is one write (one transaction) for all its devices.</summary>
public sealed class SqliteRolloutInbox(SqliteDatabase database, Serializer serializer) : IRolloutInbox
{
    private const string InsertSql =
        """
        INSERT INTO rollout_inbox (tenant_id, device_id, rollout_id, batch, posted_at) VALUES (@tenant, @device, @rollout, @batch, @now)
        ON CONFLICT (tenant_id, device_id, rollout_id) DO UPDATE SET batch = excluded.batch, posted_at = excluded.posted_at
        """;

    public Task PostAsync(string tenantId, AssignmentRequest request, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken)
    {
        RolloutLink link = request.Rollout ?? throw new ArgumentException("Only a rollout's request is posted.", nameof(request));
        byte[] payload = serializer.SerializeToArray(request);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return database.WriteAsync(transaction =>
        {
            transaction.ExecuteNonQuery(RolloutInboxRows.UpsertPostSql,
                ("@tenant", tenantId), ("@rollout", link.RolloutId), ("@batch", link.Batch), ("@set", request.Deployment.DistributionSetId), ("@request", payload));
            foreach (string deviceId in deviceIds)
            {
                transaction.ExecuteNonQuery(InsertSql,
                    ("@tenant", tenantId), ("@device", deviceId), ("@rollout", link.RolloutId), ("@batch", link.Batch), ("@now", now));
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AssignmentRequest>> PeekAsync(DeviceKey device, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<AssignmentRequest>>(connection =>
        {
            using SqliteCommand command = connection.Command(RolloutInboxRows.PeekSql, ("@tenant", device.TenantId), ("@device", device.DeviceId));
            using SqliteDataReader reader = command.ExecuteReader();
            var posted = new List<AssignmentRequest>();
            while (reader.Read())
            {
                posted.Add(serializer.Deserialize<AssignmentRequest>((byte[])reader.GetValue(0))!);
            }

            return posted;
        }, cancellationToken);

    public Task RemoveAsync(DeviceKey device, long rolloutId, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.ExecuteNonQuery(RolloutInboxRows.RemoveSql,
            ("@tenant", device.TenantId), ("@device", device.DeviceId), ("@rollout", rolloutId)), cancellationToken);

    public Task<IReadOnlyList<string>> RecallAsync(string tenantId, long rolloutId, int batch, CancellationToken cancellationToken) =>
        database.WriteAsync<IReadOnlyList<string>>(transaction =>
        {
            using SqliteCommand command = transaction.Command(RolloutInboxRows.RecallSql, ("@tenant", tenantId), ("@rollout", rolloutId), ("@batch", batch));
            IReadOnlyList<string> recalled = command.ReadStrings();
            transaction.ExecuteNonQuery(RolloutInboxRows.RetirePostSql, ("@tenant", tenantId), ("@rollout", rolloutId), ("@batch", batch));
            return recalled;
        }, cancellationToken);

    public Task<long> CountPostedAsync(string tenantId, long distributionSetId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.ExecuteScalar<long>(RolloutInboxRows.CountPostedSql, ("@tenant", tenantId), ("@set", distributionSetId)), cancellationToken);
}
