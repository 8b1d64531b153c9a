using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>
/// Telemetry history in PostgreSQL. A batch goes in with binary COPY into a session-local staging table, then one
/// INSERT ... ON CONFLICT moves it over, so a redelivered point replaces its earlier copy instead of failing the COPY.
/// </summary>
public sealed class PostgresTelemetryHistory(NpgsqlDataSource database) : ITelemetryHistory
{
    private const string SeriesSource = "FROM telemetry WHERE tenant_id = @tenant AND device_id = @device AND key = @key";

    private const string DeleteOlderThanSql = "DELETE FROM telemetry WHERE ts < @cutoff";

    private const string StagingSql =
        "CREATE TEMP TABLE IF NOT EXISTS telemetry_staging (LIKE telemetry INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

    private const string MoveSql =
        """
        INSERT INTO telemetry (tenant_id, device_id, key, ts, kind, num, text)
        SELECT DISTINCT ON (tenant_id, device_id, key, ts) tenant_id, device_id, key, ts, kind, num, text FROM telemetry_staging
        ORDER BY tenant_id, device_id, key, ts
        ON CONFLICT (tenant_id, device_id, key, ts) DO UPDATE SET kind = excluded.kind, num = excluded.num, text = excluded.text
        """;

    public async Task AppendAsync(IReadOnlyList<DeviceTelemetry> batch, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var staging = new NpgsqlCommand(StagingSql, connection, transaction))
        {
            await staging.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY telemetry_staging (tenant_id, device_id, key, ts, kind, num, text) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (DeviceTelemetry message in batch)
            {
                foreach (var point in message.Points)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(message.Device.TenantId, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(message.Device.DeviceId, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(point.Key, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(point.Timestamp, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync((short)point.Value.Kind, NpgsqlDbType.Smallint, cancellationToken);
                    await copy.WriteAsync(TelemetryRows.Number(point.Value), NpgsqlDbType.Double, cancellationToken);
                    await copy.WriteAsync(TelemetryRows.Text(point.Value), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var move = new NpgsqlCommand(MoveSql, connection, transaction))
        {
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<HistoryPoint>> ReadAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(TelemetryRows.ReadSql(SeriesSource), device, query, TelemetryRows.ReadPoint, cancellationToken);

    public Task<IReadOnlyList<HistoryPoint>> AggregateAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(TelemetryRows.AggregateSql(query.Aggregation, SeriesSource), device, query, TelemetryRows.ReadBucket, cancellationToken);

    public async Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(DeleteOlderThanSql);
        command.Parameters.AddWithValue("@cutoff", cutoff);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<HistoryPoint>> QueryAsync(
        string sql, DeviceKey device, HistoryQuery query, Func<NpgsqlDataReader, HistoryPoint> read, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("@tenant", device.TenantId);
        command.Parameters.AddWithValue("@device", device.DeviceId);
        command.Parameters.AddWithValue("@key", query.Key);
        command.Parameters.AddWithValue("@from", query.From);
        command.Parameters.AddWithValue("@to", query.To);
        command.Parameters.AddWithValue("@interval", Math.Max(1L, query.Interval));
        command.Parameters.AddWithValue("@limit", query.Limit);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<HistoryPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(read(reader));
        }

        return points;
    }
}
