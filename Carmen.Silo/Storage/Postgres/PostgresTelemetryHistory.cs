using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.History;
using Npgsql;
using NpgsqlTypes;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>
/// Telemetry history in PostgreSQL, in chunks (a row per series and hour of a flush, see <see cref="TelemetryChunks"/>).
/// A flush makes the series it has not seen (one statement for all of them; silos writing the same new series at
/// once both end with its one id), then copies its chunks in with binary COPY, in one transaction.
/// </summary>
public sealed class PostgresTelemetryHistory(NpgsqlDataSource database) : ITelemetryHistory
{
    private const string EnsureSeriesSql =
        """
        INSERT INTO telemetry_series (tenant_id, device_id, key)
        SELECT * FROM unnest(@tenants::text[], @devices::text[], @keys::text[]) ON CONFLICT DO NOTHING
        """;

    private const string SeriesIdsSql =
        """
        SELECT s.id, s.tenant_id, s.device_id, s.key FROM telemetry_series s
        JOIN unnest(@tenants::text[], @devices::text[], @keys::text[]) AS n (tenant_id, device_id, key)
          ON s.tenant_id = n.tenant_id AND s.device_id = n.device_id AND s.key = n.key
        """;

    private readonly ConcurrentDictionary<SeriesName, long> _series = new();

    public async Task AppendAsync(IReadOnlyList<DeviceTelemetry> batch, CancellationToken cancellationToken)
    {
        List<TelemetryChunk> chunks = TelemetryChunks.From(batch);
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        Dictionary<SeriesName, long> created = await CreateSeriesAsync(
            connection, transaction, [.. chunks.Select(chunk => chunk.Series).Distinct().Where(name => !_series.ContainsKey(name))], cancellationToken);

        await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
            "COPY telemetry_chunks (series_id, bucket, first_ts, last_ts, points, data) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (TelemetryChunk chunk in chunks)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(_series.TryGetValue(chunk.Series, out long id) ? id : created[chunk.Series], NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(chunk.Bucket, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(chunk.FirstTimestamp, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(chunk.LastTimestamp, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(chunk.Points, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(chunk.Data, NpgsqlDbType.Bytea, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

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

    public async Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand($"WITH expired AS (DELETE {ChunkSql.Expired} RETURNING points) SELECT coalesce(sum(points), 0)::bigint FROM expired");
        command.Parameters.AddWithValue("@cutoff", cutoff);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<Dictionary<SeriesName, long>> CreateSeriesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SeriesName[] names, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<SeriesName, long>(names.Length);
        if (names.Length == 0)
        {
            return ids;
        }

        foreach (string sql in new[] { EnsureSeriesSql, SeriesIdsSql })
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("@tenants", names.Select(name => name.TenantId).ToArray());
            command.Parameters.AddWithValue("@devices", names.Select(name => name.DeviceId).ToArray());
            command.Parameters.AddWithValue("@keys", names.Select(name => name.Key).ToArray());
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[new SeriesName(reader.GetString(1), reader.GetString(2), reader.GetString(3))] = reader.GetInt64(0);
            }
        }

        return ids;
    }

    private async Task<IReadOnlyList<HistoryPoint>> QueryAsync(DeviceKey device, HistoryQuery query, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.CreateCommand(ChunkSql.Read);
        command.Parameters.AddWithValue("@tenant", device.TenantId);
        command.Parameters.AddWithValue("@device", device.DeviceId);
        command.Parameters.AddWithValue("@key", query.Key);
        command.Parameters.AddWithValue("@from", query.From);
        command.Parameters.AddWithValue("@to", query.To);
        command.Parameters.AddWithValue("@fromBucket", TelemetryChunk.BucketOf(query.From));
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var answer = new HistoryChunkReader(query);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!answer.Add(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)))
            {
                break;
            }
        }

        return answer.Finish();
    }
}
