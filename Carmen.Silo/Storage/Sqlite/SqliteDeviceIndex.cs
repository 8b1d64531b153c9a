using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Storage.Sql;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>The device query index in the embedded store.</summary>
public sealed class SqliteDeviceIndex(SqliteDatabase database) : IDeviceIndex
{
    public Task UpsertAsync(DeviceIndexEntry entry, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            transaction.ExecuteNonQuery(DeviceIndexRows.UpsertSql, DeviceIndexRows.UpsertParameters(entry));
            transaction.ExecuteNonQuery(DeviceIndexRows.DeleteLabelsSql, ("@tenant", entry.TenantId), ("@device", entry.DeviceId));
            foreach (string label in entry.Labels)
            {
                transaction.ExecuteNonQuery(DeviceIndexRows.InsertLabelSql, ("@tenant", entry.TenantId), ("@device", entry.DeviceId), ("@label", label));
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
            (long total, List<DeviceSummary> items) = connection.CountAndPage((sql.CountSql, sql.FilterParameters), sql.PageSql(), DeviceIndexRows.ReadSummary);
            return sql.ToPage(items, total);
        }, cancellationToken);
    }

    public Task<int> CountInServiceAsync(string tenantId, string? clusterId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => clusterId is null
            ? connection.ExecuteScalar<int>(
                DeviceIndexRows.CountInServiceSql,
                ("@tenant", tenantId), ("@retired", (int)DeviceStatus.Decommissioned))
            : connection.ExecuteScalar<int>(
                DeviceIndexRows.CountInServiceOfClusterSql,
                ("@tenant", tenantId), ("@cluster", clusterId), ("@retired", (int)DeviceStatus.Decommissioned)),
            cancellationToken);

    public Task<long> CountReferencingDistributionSetAsync(string tenantId, long distributionSetId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.ExecuteScalar<long>(
            DeviceIndexRows.CountReferencingDistributionSetSql, ("@tenant", tenantId), ("@set", distributionSetId)), cancellationToken);

    public Task<IReadOnlyList<string>> ListDecommissionedAsync(string tenantId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using SqliteCommand command = connection.Command(
                DeviceIndexRows.ListRetiredSql,
                ("@tenant", tenantId), ("@retired", (int)DeviceStatus.Decommissioned));
            return command.ReadStrings();
        }, cancellationToken);

    public Task<IReadOnlyList<(string ClusterId, DeviceStatus Status, long Count)>> CountByClusterAndStatusAsync(string tenantId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<(string, DeviceStatus, long)>>(connection =>
        {
            using SqliteCommand command = connection.Command(DeviceIndexRows.CountByClusterAndStatusSql, ("@tenant", tenantId));
            using SqliteDataReader reader = command.ExecuteReader();
            var counts = new List<(string, DeviceStatus, long)>();
            while (reader.Read())
            {
                counts.Add((reader.GetString(0), (DeviceStatus)reader.GetInt32(1), reader.GetInt64(2)));
            }

            return counts;
        }, cancellationToken);

    public Task<IReadOnlyList<DevicePostureRow>> ListPostureRowsAsync(string tenantId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<DevicePostureRow>>(connection =>
        {
            using SqliteCommand command = connection.Command(DeviceIndexRows.ListPostureRowsSql, ("@tenant", tenantId), ("@retired", (int)DeviceStatus.Decommissioned));
            using SqliteDataReader reader = command.ExecuteReader();
            var rows = new List<DevicePostureRow>();
            while (reader.Read())
            {
                rows.Add(DeviceIndexRows.ReadPostureRow(reader));
            }

            return rows;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListGatewaysAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using SqliteCommand command = connection.Command(DeviceIndexRows.ListGatewaysSql);
            return command.ReadStrings();
        }, cancellationToken);

    public Task<IReadOnlyList<DeviceKey>> ListConnectedAsync(string tenantId, CancellationToken cancellationToken) =>
        ListDevicesAsync(DeviceIndexRows.ListConnectedOfTenantSql, cancellationToken, ("@tenant", tenantId));

    public Task<IReadOnlyList<string>> FilterConnectedAsync(string tenantId, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using SqliteCommand command = connection.Command(
                "SELECT device_id FROM devices WHERE tenant_id = @tenant AND connected_via IS NOT NULL AND device_id IN (SELECT value FROM json_each(@ids))",
                ("@tenant", tenantId), ("@ids", JsonSerializer.Serialize(deviceIds, SqlJsonContext.Default.IReadOnlyListString)));
            return command.ReadStrings();
        }, cancellationToken);

    public Task<IReadOnlyList<DeviceKey>> ListConnectedViaAsync(string gateway, CancellationToken cancellationToken) =>
        ListDevicesAsync(DeviceIndexRows.ListConnectedViaSql, cancellationToken, ("@via", gateway));

    private Task<IReadOnlyList<DeviceKey>> ListDevicesAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.ReadAsync<IReadOnlyList<DeviceKey>>(connection =>
        {
            using SqliteCommand command = connection.Command(sql, parameters);
            using SqliteDataReader reader = command.ExecuteReader();
            var devices = new List<DeviceKey>();
            while (reader.Read())
            {
                devices.Add(new DeviceKey(reader.GetString(0), reader.GetString(1)));
            }

            return devices;
        }, cancellationToken);

    public Task SetAlertDueAsync(DeviceKey device, DateTimeOffset? due, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.ExecuteNonQuery(DeviceIndexRows.SetAlertDueSql,
            ("@due", due?.ToUnixTimeMilliseconds()), ("@tenant", device.TenantId), ("@device", device.DeviceId)), cancellationToken);

    public Task<IReadOnlyList<DeviceKey>> ListAlertDueAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
        ListDevicesAsync(DeviceIndexRows.ListAlertDueSql, cancellationToken, ("@before", before.ToUnixTimeMilliseconds()), ("@limit", limit));

    public Task<DeviceKey?> FindByAccessTokenHashAsync(string accessTokenHash, CancellationToken cancellationToken) =>
        FindOneAsync(DeviceIndexRows.FindByTokenSql, ("@hash", accessTokenHash), cancellationToken);

    public Task<DeviceKey?> FindByMqttUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindOneAsync(DeviceIndexRows.FindByMqttUsernameSql, ("@username", username), cancellationToken);

    public Task<DeviceKey?> FindByMqttClientIdAsync(string clientId, CancellationToken cancellationToken) =>
        FindOneAsync(DeviceIndexRows.FindByMqttClientIdSql, ("@clientId", clientId), cancellationToken);

    private Task<DeviceKey?> FindOneAsync(string sql, (string Name, object? Value) parameter, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using SqliteCommand command = connection.Command(sql, parameter);
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? new DeviceKey(reader.GetString(0), reader.GetString(1)) : (DeviceKey?)null;
        }, cancellationToken);
}
