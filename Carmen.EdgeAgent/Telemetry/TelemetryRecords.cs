namespace Carmen.EdgeAgent.Telemetry;

/// <summary>Telemetry as Carmen takes it: each record <c>{"ts":ms,"values":{...}}</c>, sent as a JSON array of records.</summary>
public static class TelemetryRecords
{
    public static byte[] Write(DateTimeOffset at, IEnumerable<KeyValuePair<string, double>> values) => JsonPayload.Write(json =>
    {
        json.WriteNumber("ts", at.ToUnixTimeMilliseconds());
        json.WriteStartObject("values");
        foreach ((string key, double value) in values)
        {
            json.WriteNumber(key, value);
        }

        json.WriteEndObject();
    });

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
