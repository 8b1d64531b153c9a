using System.Text.Json;

namespace Carmen.EdgeAgent.Ingestion;

/// <summary>
/// An application's telemetry as queue records: <c>{"ts":ms,"values":{...}}</c> kept with its own time, any other
/// object taken as the values at the moment it arrived. Checked here with Carmen's own rules (keys of 1 to 255
/// characters, no null values), so a bad record is refused to the application that sent it instead of by Carmen
/// later, where nobody would hear of it.
/// </summary>
public static class ApplicationRecords
{
    public const int MaxRecordBytes = 16 * 1024;
    private const int MaxKeyLength = 255;

    /// <summary>The record, or why it is refused.</summary>
    public static (byte[]? Record, string? Error) Read(ReadOnlySpan<byte> json, DateTimeOffset arrived)
    {
        if (json.Length > MaxRecordBytes)
        {
            return (null, $"A record is at most {MaxRecordBytes} bytes.");
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            return Read(document.RootElement, arrived);
        }
        catch (JsonException invalid)
        {
            return (null, $"Not JSON: {invalid.Message}");
        }
    }

    /// <summary>
    /// Every record of a body (HTTP): one object, an array of them, or newline-delimited objects; all or none, so a
    /// client that is told of an error can send the whole body again without duplicating any of it.
    /// </summary>
    public static (IReadOnlyList<byte[]> Records, string? Error) ReadAll(ReadOnlyMemory<byte> body, DateTimeOffset arrived)
    {
        List<byte[]> records = [];
        try
        {
            using JsonDocument document = JsonDocument.Parse(body); // refuses anything after the first value
            IEnumerable<JsonElement> items = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray() : [document.RootElement];
            foreach (JsonElement item in items)
            {
                (byte[]? record, string? error) = Read(item, arrived);
                if (error is not null)
                {
                    return ([], $"Record {records.Count + 1}: {error}");
                }

                records.Add(record!);
            }

            return (records, null);
        }
        catch (JsonException)
        {
            // not one JSON document: newline-delimited records
        }

        int number = 0;
        ReadOnlySpan<byte> lines = body.Span;
        foreach (Range line in lines.Split((byte)'\n'))
        {
            number++;
            ReadOnlySpan<byte> text = lines[line].Trim(" \t\r"u8);
            if (text.IsEmpty)
            {
                continue;
            }

            (byte[]? record, string? error) = Read(text, arrived);
            if (error is not null)
            {
                return ([], $"Line {number}: {error}");
            }

            records.Add(record!);
        }

        return records.Count > 0 ? (records, null) : ([], "The body holds no record.");
    }

    public static (byte[]? Record, string? Error) Read(JsonElement root, DateTimeOffset arrived)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "A record is a JSON object: {\"key\":value,...} or {\"ts\":ms,\"values\":{...}}.");
        }

        long ts = arrived.ToUnixTimeMilliseconds();
        JsonElement values = root;
        if (root.TryGetProperty("ts", out JsonElement given) && root.TryGetProperty("values", out JsonElement timed))
        {
            if (given.ValueKind != JsonValueKind.Number || !given.TryGetInt64(out ts) || ts < 0)
            {
                return (null, "\"ts\" is a time in Unix milliseconds.");
            }

            values = timed;
        }

        if (values.ValueKind != JsonValueKind.Object || !values.EnumerateObject().Any())
        {
            return (null, "A record has at least one value.");
        }

        foreach (JsonProperty value in values.EnumerateObject())
        {
            if (value.Name.Length is 0 or > MaxKeyLength)
            {
                return (null, $"Keys are 1 to {MaxKeyLength} characters.");
            }

            if (value.Value.ValueKind == JsonValueKind.Null)
            {
                return (null, $"\"{value.Name}\" is null; values are numbers, booleans, strings or JSON.");
            }
        }

        return (JsonPayload.Write(json =>
        {
            json.WriteNumber("ts", ts);
            json.WritePropertyName("values");
            values.WriteTo(json);
        }), null);
    }
}
