using System.Buffers;
using System.Runtime.InteropServices;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Storage.History;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// telemetry.db's schema 3 in code: the points of the row-per-point table become chunks (one per series and hour)
/// in the binary format, which SQL cannot write: SQLite's own number-to-text is not exact for every double.
/// </summary>
internal static class TelemetryChunkMigration
{
    public const int Version = 3;

    public static void Apply(SqliteTransaction transaction)
    {
        using SqliteCommand insert = transaction.Command(SqliteTelemetryHistory.InsertSql);
        using SqliteCommand read = transaction.Command("SELECT series_id, ts, kind, num, text FROM telemetry_points ORDER BY series_id, ts");
        using SqliteDataReader rows = read.ExecuteReader();
        var points = new List<TimestampedValue>();
        var buffer = new ArrayBufferWriter<byte>(4096);
        (long Series, long Bucket) chunk = (0, 0);
        while (rows.Read())
        {
            long series = rows.GetInt64(0), timestamp = rows.GetInt64(1);
            if (points.Count > 0 && (series, TelemetryChunk.BucketOf(timestamp)) != chunk)
            {
                Insert(insert, chunk, points, buffer);
            }

            chunk = (series, TelemetryChunk.BucketOf(timestamp));
            var kind = (TelemetryValueKind)rows.GetInt32(2);
            points.Add(new TimestampedValue(timestamp, new TelemetryValue(kind, rows.IsDBNull(3) ? 0 : rows.GetDouble(3), rows.IsDBNull(4) ? null : rows.GetString(4))));
        }

        if (points.Count > 0)
        {
            Insert(insert, chunk, points, buffer);
        }

        rows.Close();
        transaction.ExecuteNonQuery("DROP TABLE telemetry_points");
    }

    private static void Insert(SqliteCommand insert, (long Series, long Bucket) chunk, List<TimestampedValue> points, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        int written = TelemetryChunkCodec.Encode(CollectionsMarshal.AsSpan(points), buffer);
        insert.Parameters.Clear();
        insert.Parameters.AddWithValue("@series", chunk.Series);
        insert.Parameters.AddWithValue("@bucket", chunk.Bucket);
        insert.Parameters.AddWithValue("@first", points[0].Timestamp);
        insert.Parameters.AddWithValue("@last", points[^1].Timestamp);
        insert.Parameters.AddWithValue("@points", written);
        insert.Parameters.AddWithValue("@data", buffer.WrittenSpan.ToArray());
        insert.ExecuteNonQuery();
        points.Clear();
    }
}
