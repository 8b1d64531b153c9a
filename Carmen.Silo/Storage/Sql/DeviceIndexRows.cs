using System.Data.Common;
using System.Text.Json;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Storage.Sql;

/// <summary>How a device index row is written and read, the same in every SQL store.</summary>
internal static class DeviceIndexRows
{
    public const string UpsertSql =
        """
        INSERT INTO devices (tenant_id, device_id, name, name_key, cluster_id, device_type, labels, status, firmware_version, created_at, last_seen_at, access_token_hash, connected_via, mqtt_username, mqtt_client_id, installed_ds, target_ds, is_gateway, gateway_id)
        VALUES (@tenant, @device, @name, @nameKey, @cluster, @type, @labels, @status, @firmware, @created, @lastSeen, @token, @via, @mqttUsername, @mqttClientId, @installedDs, @targetDs, @isGateway, @gateway)
        ON CONFLICT (tenant_id, device_id) DO UPDATE SET
            name = excluded.name, name_key = excluded.name_key, cluster_id = excluded.cluster_id, device_type = excluded.device_type,
            labels = excluded.labels, status = excluded.status, firmware_version = excluded.firmware_version,
            created_at = excluded.created_at, last_seen_at = excluded.last_seen_at, access_token_hash = excluded.access_token_hash,
            connected_via = excluded.connected_via, mqtt_username = excluded.mqtt_username, mqtt_client_id = excluded.mqtt_client_id,
            installed_ds = excluded.installed_ds, target_ds = excluded.target_ds, is_gateway = excluded.is_gateway, gateway_id = excluded.gateway_id
        """;

    public const string DeleteLabelsSql = "DELETE FROM device_labels WHERE tenant_id = @tenant AND device_id = @device";

    public const string InsertLabelSql = "INSERT INTO device_labels (tenant_id, device_id, label) VALUES (@tenant, @device, @label)";

    public const string CountInServiceSql = "SELECT count(*) FROM devices WHERE tenant_id = @tenant AND status <> @retired";

    public const string CountInServiceOfClusterSql = "SELECT count(*) FROM devices WHERE tenant_id = @tenant AND cluster_id = @cluster AND status <> @retired";

    public const string ListRetiredSql = "SELECT device_id FROM devices WHERE tenant_id = @tenant AND status = @retired";

    public const string FindByTokenSql = "SELECT tenant_id, device_id FROM devices WHERE access_token_hash = @hash";

    public const string CountByClusterAndStatusSql = "SELECT cluster_id, status, count(*) FROM devices WHERE tenant_id = @tenant GROUP BY cluster_id, status";

    public const string FindByMqttUsernameSql = "SELECT tenant_id, device_id FROM devices WHERE mqtt_username = @username";

    public const string FindByMqttClientIdSql = "SELECT tenant_id, device_id FROM devices WHERE mqtt_client_id = @clientId AND mqtt_username IS NULL";

    public const string ListGatewaysSql = "SELECT DISTINCT connected_via FROM devices WHERE connected_via IS NOT NULL";

    public const string ListConnectedOfTenantSql = "SELECT tenant_id, device_id FROM devices WHERE tenant_id = @tenant AND connected_via IS NOT NULL";

    public const string CountReferencingDistributionSetSql =
        "SELECT count(*) FROM devices WHERE tenant_id = @tenant AND (installed_ds = @set OR target_ds = @set)";

    public const string ListPostureRowsSql =
        """
        SELECT device_id, cluster_id, status, created_at, last_seen_at,
               CASE WHEN access_token_hash IS NOT NULL OR mqtt_username IS NOT NULL OR mqtt_client_id IS NOT NULL THEN 1 ELSE 0 END,
               installed_ds
        FROM devices WHERE tenant_id = @tenant AND status <> @retired
        """;

    /// <summary>A row of <see cref="ListPostureRowsSql"/>.</summary>
    public static Grains.Devices.DevicePostureRow ReadPostureRow(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), (DeviceStatus)reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
        reader.GetInt64(4) is 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetInt32(5) == 1,
        reader.IsDBNull(6) ? null : reader.GetInt64(6));

    public const string ListConnectedViaSql = "SELECT tenant_id, device_id FROM devices WHERE connected_via = @via";

    public const string SetAlertDueSql = "UPDATE devices SET alert_due_at = @due WHERE tenant_id = @tenant AND device_id = @device";

    public const string ListAlertDueSql =
        "SELECT tenant_id, device_id FROM devices WHERE alert_due_at IS NOT NULL AND alert_due_at < @before ORDER BY alert_due_at LIMIT @limit";

    /// <summary>The parameters of <see cref="UpsertSql"/>.</summary>
    public static (string Name, object? Value)[] UpsertParameters(Grains.Devices.DeviceIndexEntry entry) =>
    [
        ("@tenant", entry.TenantId), ("@device", entry.DeviceId), ("@name", entry.Name), ("@nameKey", entry.Name.ToLowerInvariant()),
        ("@cluster", entry.ClusterId), ("@type", entry.Type), ("@labels", JsonSerializer.Serialize(entry.Labels, SqlJsonContext.Default.IReadOnlyListString)),
        ("@status", (int)entry.Status), ("@firmware", entry.FirmwareVersion), ("@created", entry.CreatedAt.ToUnixTimeMilliseconds()),
        ("@lastSeen", entry.LastSeenAt?.ToUnixTimeMilliseconds() ?? 0L), ("@token", entry.AccessTokenHash),
        ("@via", entry.ConnectedVia), ("@mqttUsername", entry.MqttUsername), ("@mqttClientId", entry.MqttClientId),
        ("@installedDs", entry.InstalledDistributionSetId), ("@targetDs", entry.TargetDistributionSetId),
        ("@isGateway", entry.IsGateway), ("@gateway", entry.GatewayId),
    ];

    /// <summary>Reads a row of the columns <see cref="DeviceIndexQuery"/> selects.</summary>
    public static DeviceSummary ReadSummary(DbDataReader reader)
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
            lastSeen == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(lastSeen),
            reader.GetBoolean(9),
            reader.IsDBNull(10) ? null : reader.GetString(10));
    }
}
