using System.Text.Json;

namespace Carmen.EdgeAgent;

/// <summary>A JSON object written straight to UTF-8 bytes: every payload the agent sends is one (no reflection, AOT-safe).</summary>
public static class JsonPayload
{
    public static byte[] Write(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
