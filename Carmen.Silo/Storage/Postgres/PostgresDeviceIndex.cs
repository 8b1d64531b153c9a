using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Platform;
using Carmen.Silo.Storage.Sql;
using Npgsql;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>
/// The device query index in PostgreSQL: the same SQL as the embedded store (<see cref="DeviceIndexQuery"/>,
/// <see cref="DeviceIndexRows"/>); a device's row and labels are written in one batch, one round trip.
/// </summary>
public sealed class PostgresDeviceIndex(NpgsqlDataSource database) : IDeviceIndex, IStoreProbe
{
    public async Task UpsertAsync(DeviceIndexEntry entry, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(NpgsqlCommands.Batched(DeviceIndexRows.UpsertSql, DeviceIndexRows.UpsertParameters(entry)));
        batch.BatchCommands.Add(NpgsqlCommands.Batched(DeviceIndexRows.DeleteLabelsSql, ("@tenant", entry.TenantId), ("@device", entry.DeviceId)));
        foreach (string label in entry.Labels)
        {
            batch.BatchCommands.Add(NpgsqlCommands.Batched(DeviceIndexRows.InsertLabelSql, ("@tenant", entry.TenantId), ("@device", entry.DeviceId), ("@label", label)));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemoveAsync(DeviceKey device, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(NpgsqlCommands.Batched("DELETE FROM device_labels WHERE tenant_id = @tenant AND device_id = @device", ("@tenant", device.TenantId), ("@device", device.DeviceId)));
        batch.BatchCommands.Add(NpgsqlCommands.Batched("DELETE FROM devices WHERE tenant_id = @tenant AND device_id = @device", ("@tenant", device.TenantId), ("@device", device.DeviceId)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DevicePage> QueryAsync(string tenantId, DeviceQuery query, CancellationToken cancellationToken)
    {
        var sql = new DeviceIndexQuery(tenantId, query);
        (long total, List<DeviceSummary> items) = await database.CountAndPageAsync(
            (sql.CountSql, sql.FilterParameters), sql.PageSql(), DeviceIndexRows.ReadSummary, cancellationToken);
        return sql.ToPage(items, total);
    }

    public async Task<int> CountInServiceAsync(string tenantId, string? clusterId, CancellationToken cancellationToken)
    {
        NpgsqlCommand command = clusterId is null
            ? database.CreateCommand(DeviceIndexRows.CountInServiceSql)
            : database.CreateCommand(DeviceIndexRows.CountInServiceOfClusterSql);
        await using (command)
        {
            command.Parameters.AddWithValue("@tenant", tenantId);
            command.Parameters.AddWithValue("@retired", (int)DeviceStatus.Decommissioned);
            if (clusterId is not null)
            {
                command.Parameters.AddWithValue("@cluster", clusterId);
            }

            return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
    }

    public async Task<long> CountReferencingDistributionSetAsync(string tenantId, long distributionSetId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(DeviceIndexRows.CountReferencingDistributionSetSql);
        command.Parameters.AddWithValue("@tenant", tenantId);
        command.Parameters.AddWithValue("@set", distributionSetId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<string>> ListDecommissionedAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(DeviceIndexRows.ListRetiredSql);
        command.Parameters.AddWithValue("@tenant", tenantId);
        command.Parameters.AddWithValue("@retired", (int)DeviceStatus.Decommissioned);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<IReadOnlyList<(string ClusterId, DeviceStatus Status, long Count)>> CountByClusterAndStatusAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(DeviceIndexRows.CountByClusterAndStatusSql);
        command.Parameters.AddWithValue("@tenant", tenantId);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<(string, DeviceStatus, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add((reader.GetString(0), (DeviceStatus)reader.GetInt32(1), reader.GetInt64(2)));
        }

        return counts;
    }

    public async Task<IReadOnlyList<DevicePostureRow>> ListPostureRowsAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(DeviceIndexRows.ListPostureRowsSql);
        command.Parameters.AddWithValue("@tenant", tenantId);
        command.Parameters.AddWithValue("@retired", (int)DeviceStatus.Decommissioned);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<DevicePostureRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(DeviceIndexRows.ReadPostureRow(reader));
        }

        return rows;
    }

    public async Task<IReadOnlyList<string>> ListGatewaysAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(DeviceIndexRows.ListGatewaysSql);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var gateways = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            gateways.Add(reader.GetString(0));
        }

        return gateways;
    }

    public Task<IReadOnlyList<DeviceKey>> ListConnectedAsync(string tenantId, CancellationToken cancellationToken) =>
        ListDevicesAsync(DeviceIndexRows.ListConnectedOfTenantSql, cancellationToken, ("@tenant", tenantId));

    public async Task<IReadOnlyList<string>> FilterConnectedAsync(string tenantId, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(
            "SELECT device_id FROM devices WHERE tenant_id = @tenant AND connected_via IS NOT NULL AND device_id = ANY(@ids)");
        command.Parameters.AddWithValue("@tenant", tenantId);
        command.Parameters.AddWithValue("@ids", deviceIds.ToArray());
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var connected = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            connected.Add(reader.GetString(0));
        }

        return connected;
    }

    public Task<IReadOnlyList<DeviceKey>> ListConnectedViaAsync(string gateway, CancellationToken cancellationToken) =>
        ListDevicesAsync(DeviceIndexRows.ListConnectedViaSql, cancellationToken, ("@via", gateway));

    public async Task SetAlertDueAsync(DeviceKey device, DateTimeOffset? due, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(DeviceIndexRows.SetAlertDueSql,
            ("@due", due?.ToUnixTimeMilliseconds()), ("@tenant", device.TenantId), ("@device", device.DeviceId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<IReadOnlyList<DeviceKey>> ListAlertDueAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken) =>
        ListDevicesAsync(DeviceIndexRows.ListAlertDueSql, cancellationToken, ("@before", before.ToUnixTimeMilliseconds()), ("@limit", limit));

    private async Task<IReadOnlyList<DeviceKey>> ListDevicesAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using NpgsqlCommand command = database.Command(sql, parameters);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var devices = new List<DeviceKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            devices.Add(new DeviceKey(reader.GetString(0), reader.GetString(1)));
        }

        return devices;
    }

    public Task<DeviceKey?> FindByAccessTokenHashAsync(string accessTokenHash, CancellationToken cancellationToken) =>
        FindOneAsync(DeviceIndexRows.FindByTokenSql, "@hash", accessTokenHash, cancellationToken);

    public Task<DeviceKey?> FindByMqttUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindOneAsync(DeviceIndexRows.FindByMqttUsernameSql, "@username", username, cancellationToken);

    public Task<DeviceKey?> FindByMqttClientIdAsync(string clientId, CancellationToken cancellationToken) =>
        FindOneAsync(DeviceIndexRows.FindByMqttClientIdSql, "@clientId", clientId, cancellationToken);

    private async Task<DeviceKey?> FindOneAsync(string sql, string parameter, string value, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(parameter, value);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new DeviceKey(reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
