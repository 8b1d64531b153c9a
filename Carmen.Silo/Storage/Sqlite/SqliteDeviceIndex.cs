using System.Text.Json;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>The device query index in the embedded store.</summary>
public sealed class SqliteDeviceIndex(SqliteDatabase database) : IDeviceIndex
{
    public Task UpsertAsync(DeviceIndexEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            transaction.ExecuteNonQuery(
                """
                INSERT INTO devices (tenant_id, device_id, name, name_key, cluster_id, device_type, labels, status, firmware_version, created_at, last_seen_at, access_token_hash)
                VALUES (@tenant, @device, @name, @nameKey, @cluster, @type, @labels, @status, @firmware, @created, @lastSeen, @token)
                ON CONFLICT (tenant_id, device_id) DO UPDATE SET
                    name = excluded.name, name_key = excluded.name_key, cluster_id = excluded.cluster_id, device_type = excluded.device_type,
                    labels = excluded.labels, status = excluded.status, firmware_version = excluded.firmware_version,
                    created_at = excluded.created_at, last_seen_at = excluded.last_seen_at, access_token_hash = excluded.access_token_hash
                """,
                ("@tenant", entry.TenantId), ("@device", entry.DeviceId), ("@name", entry.Name), ("@nameKey", entry.Name.ToLowerInvariant()),
                ("@cluster", entry.ClusterId), ("@type", entry.Type), ("@labels", JsonSerializer.Serialize(entry.Labels, SqlJsonContext.Default.IReadOnlyListString)),
                ("@status", (int)entry.Status), ("@firmware", entry.FirmwareVersion), ("@created", entry.CreatedAt.ToUnixTimeMilliseconds()),
                ("@lastSeen", entry.LastSeenAt?.ToUnixTimeMilliseconds() ?? 0), ("@token", entry.AccessTokenHash));
            transaction.ExecuteNonQuery(
                "DELETE FROM device_labels WHERE tenant_id = @tenant AND device_id = @device",
                ("@tenant", entry.TenantId), ("@device", entry.DeviceId));
            foreach (string label in entry.Labels)
            {
                transaction.ExecuteNonQuery(
                    "INSERT INTO device_labels (tenant_id, label, device_id) VALUES (@tenant, @label, @device)",
                    ("@tenant", entry.TenantId), ("@label", label), ("@device", entry.DeviceId));
            }

            return true;
        }, cancellationToken);

    public Task RemoveAsync(DeviceKey device, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
            transaction.ExecuteNonQuery(
                """
                DELETE FROM device_labels WHERE tenant_id = @tenant AND device_id = @device;
                DELETE FROM devices WHERE tenant_id = @tenant AND device_id = @device;
                """,
                ("@tenant", device.TenantId), ("@device", device.DeviceId)), cancellationToken);

    public Task<DevicePage> QueryAsync(string tenantId, DeviceQuery query, CancellationToken cancellationToken)
    {
        var sql = new DeviceIndexQuery(tenantId, query);
        return database.ReadAsync(connection =>
        {
            long total = connection.ExecuteScalar<long>(sql.CountSql, [.. sql.FilterParameters]);
            (string pageSql, IReadOnlyList<(string Name, object? Value)> parameters) = sql.PageSql();
            using SqliteCommand command = connection.Command(pageSql, [.. parameters]);
            using SqliteDataReader reader = command.ExecuteReader();
            var items = new List<DeviceSummary>(query.PageSize + 1);
            while (reader.Read())
            {
                items.Add(ReadSummary(reader));
            }

            string? next = null;
            if (items.Count > query.PageSize)
            {
                items.RemoveAt(items.Count - 1);
                next = sql.NextToken(items[^1]);
            }

            return new DevicePage(items, total, next);
        }, cancellationToken);
    }

    public Task<int> CountInServiceAsync(string tenantId, string? clusterId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => clusterId is null
            ? connection.ExecuteScalar<int>(
                "SELECT count(*) FROM devices WHERE tenant_id = @tenant AND status <> @retired",
                ("@tenant", tenantId), ("@retired", (int)DeviceStatus.Decommissioned))
            : connection.ExecuteScalar<int>(
                "SELECT count(*) FROM devices WHERE tenant_id = @tenant AND cluster_id = @cluster AND status <> @retired",
                ("@tenant", tenantId), ("@cluster", clusterId), ("@retired", (int)DeviceStatus.Decommissioned)),
            cancellationToken);

    public Task<IReadOnlyList<string>> ListDecommissionedAsync(string tenantId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using SqliteCommand command = connection.Command(
                "SELECT device_id FROM devices WHERE tenant_id = @tenant AND status = @retired",
                ("@tenant", tenantId), ("@retired", (int)DeviceStatus.Decommissioned));
            using SqliteDataReader reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }, cancellationToken);

    public Task<DeviceKey?> FindByAccessTokenHashAsync(string accessTokenHash, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using SqliteCommand command = connection.Command(
                "SELECT tenant_id, device_id FROM devices WHERE access_token_hash = @hash", ("@hash", accessTokenHash));
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? new DeviceKey(reader.GetString(0), reader.GetString(1)) : (DeviceKey?)null;
        }, cancellationToken);

    private static DeviceSummary ReadSummary(SqliteDataReader reader)
    {
        long lastSeen = reader.GetInt64(8);
        return new DeviceSummary(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            JsonSerializer.Deserialize(reader.GetString(4), SqlJsonContext.Default.IReadOnlyListString) ?? [],
            (DeviceStatus)reader.GetInt32(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            lastSeen == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(lastSeen));
    }
}
