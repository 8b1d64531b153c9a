using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// Telemetry history in telemetry.db beside the embedded store: its own file, WAL and writer, so bulk history
/// inserts never queue in front of grain state writes. A batch is one transaction with one prepared statement.
/// Points are keyed by series (an integer per tenant, device and key), whose ids are cached once committed.
/// </summary>
public sealed class SqliteTelemetryHistory(SqliteDatabase database) : ITelemetryHistory
{
    public const string FileName = "telemetry.db";

    private const string SeriesSource =
        "FROM telemetry_points WHERE series_id = (SELECT id FROM telemetry_series WHERE tenant_id = @tenant AND device_id = @device AND key = @key)";

    private const string InsertSql =
        """
        INSERT INTO telemetry_points (series_id, ts, kind, num, text) VALUES (@series, @ts, @kind, @num, @text)
        ON CONFLICT (series_id, ts) DO UPDATE SET kind = excluded.kind, num = excluded.num, text = excluded.text
        """;

    // The primary key leads with the series, so this is one range seek per series rather than a scan of every point.
    private const string DeleteOlderThanSql =
        "DELETE FROM telemetry_points WHERE series_id IN (SELECT id FROM telemetry_series) AND ts < @cutoff";

    private readonly ConcurrentDictionary<(string TenantId, string DeviceId, string Key), long> _series = new();

    public async Task AppendAsync(IReadOnlyList<DeviceTelemetry> batch, CancellationToken cancellationToken)
    {
        Dictionary<(string, string, string), long> created = await database.WriteAsync(transaction =>
        {
            var created = new Dictionary<(string, string, string), long>();
            using SqliteCommand insert = transaction.Connection!.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertSql;
            SqliteParameter series = insert.Parameters.Add("@series", SqliteType.Integer), ts = insert.Parameters.Add("@ts", SqliteType.Integer),
                kind = insert.Parameters.Add("@kind", SqliteType.Integer), num = insert.Parameters.Add("@num", SqliteType.Real),
                text = insert.Parameters.Add("@text", SqliteType.Text);
            insert.Prepare();
            foreach (DeviceTelemetry message in batch)
            {
                foreach (var point in message.Points)
                {
                    var name = (message.Device.TenantId, message.Device.DeviceId, point.Key);
                    series.Value = _series.TryGetValue(name, out long id) || created.TryGetValue(name, out id) ? id : created[name] = SeriesId(transaction, name);
                    ts.Value = point.Timestamp;
                    kind.Value = (int)point.Value.Kind;
                    num.Value = TelemetryRows.Number(point.Value);
                    text.Value = TelemetryRows.Text(point.Value);
                    insert.ExecuteNonQuery();
                }
            }

            return created;
        }, cancellationToken);

        // Only now: a series created in a transaction that rolled back has no id.
        foreach ((var name, long id) in created)
        {
            _series[name] = id;
        }
    }

    public Task<IReadOnlyList<HistoryPoint>> ReadAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(TelemetryRows.ReadSql(SeriesSource), device, query, TelemetryRows.ReadPoint, cancellationToken);

    public Task<IReadOnlyList<HistoryPoint>> AggregateAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(TelemetryRows.AggregateSql(query.Aggregation, SeriesSource), device, query, TelemetryRows.ReadBucket, cancellationToken);

    public Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => (long)transaction.ExecuteNonQuery(DeleteOlderThanSql, ("@cutoff", cutoff)), cancellationToken);

    /// <summary>The series' id, created when this is its first point.</summary>
    private static long SeriesId(SqliteTransaction transaction, (string TenantId, string DeviceId, string Key) name)
    {
        (string, object?)[] parameters = [("@tenant", name.TenantId), ("@device", name.DeviceId), ("@key", name.Key)];
        return transaction.ExecuteScalar<long?>("SELECT id FROM telemetry_series WHERE tenant_id = @tenant AND device_id = @device AND key = @key", parameters)
            ?? transaction.ExecuteScalar<long>("INSERT INTO telemetry_series (tenant_id, device_id, key) VALUES (@tenant, @device, @key) RETURNING id", parameters);
    }

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
