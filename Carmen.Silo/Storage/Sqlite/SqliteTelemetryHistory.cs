using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// Telemetry history in telemetry.db beside the embedded store: its own file, WAL and writer, so bulk history
/// inserts never queue in front of grain state writes. A batch is one transaction with one prepared statement.
/// </summary>
public sealed class SqliteTelemetryHistory(SqliteDatabase database) : ITelemetryHistory
{
    public const string FileName = "telemetry.db";

    private const string InsertSql =
        """
        INSERT INTO telemetry (tenant_id, device_id, key, ts, kind, num, text) VALUES (@tenant, @device, @key, @ts, @kind, @num, @text)
        ON CONFLICT (tenant_id, device_id, key, ts) DO UPDATE SET kind = excluded.kind, num = excluded.num, text = excluded.text
        """;

    public Task AppendAsync(IReadOnlyList<DeviceTelemetry> batch, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            using SqliteCommand insert = transaction.Connection!.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertSql;
            SqliteParameter tenant = insert.Parameters.Add("@tenant", SqliteType.Text), device = insert.Parameters.Add("@device", SqliteType.Text),
                key = insert.Parameters.Add("@key", SqliteType.Text), ts = insert.Parameters.Add("@ts", SqliteType.Integer),
                kind = insert.Parameters.Add("@kind", SqliteType.Integer), num = insert.Parameters.Add("@num", SqliteType.Real),
                text = insert.Parameters.Add("@text", SqliteType.Text);
            insert.Prepare();
            foreach (DeviceTelemetry message in batch)
            {
                tenant.Value = message.Device.TenantId;
                device.Value = message.Device.DeviceId;
                foreach (var point in message.Points)
                {
                    key.Value = point.Key;
                    ts.Value = point.Timestamp;
                    kind.Value = (int)point.Value.Kind;
                    num.Value = TelemetryRows.Number(point.Value);
                    text.Value = TelemetryRows.Text(point.Value);
                    insert.ExecuteNonQuery();
                }
            }

            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<HistoryPoint>> ReadAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(TelemetryRows.ReadSql, device, query, TelemetryRows.ReadPoint, cancellationToken);

    public Task<IReadOnlyList<HistoryPoint>> AggregateAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(TelemetryRows.AggregateSql(query.Aggregation), device, query, TelemetryRows.ReadBucket, cancellationToken);

    public Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => (long)transaction.ExecuteNonQuery(TelemetryRows.DeleteOlderThanSql, ("@cutoff", cutoff)), cancellationToken);

    private Task<IReadOnlyList<HistoryPoint>> QueryAsync(
        string sql, DeviceKey device, HistoryQuery query, Func<SqliteDataReader, HistoryPoint> read, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<HistoryPoint>>(connection =>
        {
            using SqliteCommand command = connection.Command(sql,
                ("@tenant", device.TenantId), ("@device", device.DeviceId), ("@key", query.Key), ("@from", query.From), ("@to", query.To),
                ("@interval", Math.Max(1, query.Interval)), ("@limit", query.Limit));
            using SqliteDataReader reader = command.ExecuteReader();
            var points = new List<HistoryPoint>();
            while (reader.Read())
            {
                points.Add(read(reader));
            }

            return points;
        }, cancellationToken);
}
