using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.History;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// Telemetry history in telemetry.db beside the embedded store: its own file, WAL and writer, so bulk history
/// inserts never queue in front of grain state writes. A flush is cut into chunks (a row per series and hour, see
/// <see cref="TelemetryChunks"/>) before it reaches the writer, which then inserts a row per series in one
/// transaction. Series ids (an integer per tenant, device and key) are cached once committed.
/// </summary>
public sealed class SqliteTelemetryHistory(SqliteDatabase database) : ITelemetryHistory
{
    public const string FileName = "telemetry.db";

    /// <summary>One chunk; also what the schema-3 migration writes the converted points with.</summary>
    internal const string InsertSql =
        "INSERT INTO telemetry_chunks (series_id, bucket, first_ts, last_ts, points, data) VALUES (@series, @bucket, @first, @last, @points, @data)";

    private readonly ConcurrentDictionary<SeriesName, long> _series = new();

    public async Task AppendAsync(IReadOnlyList<DeviceTelemetry> batch, CancellationToken cancellationToken)
    {
        List<TelemetryChunk> chunks = TelemetryChunks.From(batch);
        Dictionary<SeriesName, long> created = await database.WriteAsync(transaction =>
        {
            var created = new Dictionary<SeriesName, long>();
            using SqliteCommand insert = transaction.Connection!.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = InsertSql;
            SqliteParameter series = insert.Parameters.Add("@series", SqliteType.Integer), bucket = insert.Parameters.Add("@bucket", SqliteType.Integer),
                first = insert.Parameters.Add("@first", SqliteType.Integer), last = insert.Parameters.Add("@last", SqliteType.Integer),
                points = insert.Parameters.Add("@points", SqliteType.Integer), data = insert.Parameters.Add("@data", SqliteType.Blob);
            insert.Prepare();
            foreach (TelemetryChunk chunk in chunks)
            {
                series.Value = _series.TryGetValue(chunk.Series, out long id) || created.TryGetValue(chunk.Series, out id)
                    ? id : created[chunk.Series] = SeriesId(transaction, chunk.Series);
                bucket.Value = chunk.Bucket;
                first.Value = chunk.FirstTimestamp;
                last.Value = chunk.LastTimestamp;
                points.Value = chunk.Points;
                data.Value = chunk.Data;
                insert.ExecuteNonQuery();
            }

            return created;
        }, cancellationToken);

        // Only now: a series created in a transaction that rolled back has no id.
        foreach ((SeriesName name, long id) in created)
        {
            _series[name] = id;
        }
    }

    public Task<IReadOnlyList<HistoryPoint>> ReadAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(device, query, cancellationToken);

    public Task<IReadOnlyList<HistoryPoint>> AggregateAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        QueryAsync(device, query, cancellationToken);

    public Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            long points = transaction.ExecuteScalar<long>($"SELECT coalesce(sum(points), 0) {ChunkSql.Expired}", ("@cutoff", cutoff));
            transaction.ExecuteNonQuery($"DELETE {ChunkSql.Expired}", ("@cutoff", cutoff));
            return points;
        }, cancellationToken);

    /// <summary>The series' id, created when this is its first point.</summary>
    private static long SeriesId(SqliteTransaction transaction, SeriesName name)
    {
        (string, object?)[] parameters = [("@tenant", name.TenantId), ("@device", name.DeviceId), ("@key", name.Key)];
        return transaction.ExecuteScalar<long?>("SELECT id FROM telemetry_series WHERE tenant_id = @tenant AND device_id = @device AND key = @key", parameters)
            ?? transaction.ExecuteScalar<long>("INSERT INTO telemetry_series (tenant_id, device_id, key) VALUES (@tenant, @device, @key) RETURNING id", parameters);
    }

    private Task<IReadOnlyList<HistoryPoint>> QueryAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using SqliteCommand command = connection.Command(ChunkSql.Read,
                ("@tenant", device.TenantId), ("@device", device.DeviceId), ("@key", query.Key), ("@from", query.From), ("@to", query.To),
                ("@fromBucket", TelemetryChunk.BucketOf(query.From)));
            using SqliteDataReader reader = command.ExecuteReader();
            var answer = new HistoryChunkReader(query);
            while (reader.Read())
            {
                if (!answer.Add(reader.GetInt64(0), (byte[])reader.GetValue(1)))
                {
                    break;
                }
            }

            return answer.Finish();
        }, cancellationToken);
}
