using System.Text;
using System.Text.Json;

namespace Carmen.EdgeAgent.Telemetry;

/// <summary>Telemetry as Carmen takes it: each record <c>{"ts":ms,"values":{...}}</c>, sent as a JSON array of records.</summary>
public static class TelemetryRecords
{
    public static byte[] Write(DateTimeOffset at, IEnumerable<KeyValuePair<string, double>> values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("ts", at.ToUnixTimeMilliseconds());
            json.WriteStartObject("values");
            foreach ((string key, double value) in values)
            {
                json.WriteNumber(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// An application's line as a record: a <c>{"ts","values"}</c> object as it is, any other object as the values
    /// at the time it arrived. Null when the line is not a JSON object (the caller counts it).
    /// </summary>
    public static byte[]? FromApplication(ReadOnlySpan<byte> line, DateTimeOffset arrived)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line.ToArray());
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().Any())
            {
                return null;
            }

            if (root.TryGetProperty("ts", out JsonElement ts) && ts.ValueKind == JsonValueKind.Number
                && root.TryGetProperty("values", out JsonElement values) && values.ValueKind == JsonValueKind.Object)
            {
                return line.ToArray();
            }

            return Encoding.UTF8.GetBytes($"{{\"ts\":{arrived.ToUnixTimeMilliseconds()},\"values\":{root.GetRawText()}}}");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Records joined into one array payload.</summary>
    public static byte[] Batch(IReadOnlyList<byte[]> records)
    {
        int length = records.Sum(record => record.Length + 1) + 1;
        byte[] payload = new byte[length];
        payload[0] = (byte)'[';
        int offset = 1;
        for (int i = 0; i < records.Count; i++)
        {
            records[i].CopyTo(payload, offset);
            offset += records[i].Length;
            payload[offset++] = (byte)(i == records.Count - 1 ? ']' : ',');
        }

        return payload;
    }
}
