using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Audit;

/// <summary>
/// The stored form of a record: compact JSON (format "v":1) whose text is what the chain hashes. The store keeps the
/// text as written, so verification never depends on serializing the same record the same way twice; docs/audit.md
/// spells the fields out for whoever verifies an export on their own.
/// </summary>
public static class AuditRecordFormat
{
    /// <summary>The "previous hash" of a chain's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Write(string chain, long id, DateTimeOffset at, AuditEntry entry, string previousHash)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("chain", chain);
            json.WriteNumber("id", id);
            json.WriteString("at", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("source", entry.Source);
            json.WriteStartObject("actor");
            json.WriteString("kind", entry.Actor.Kind);
            json.WriteString("name", entry.Actor.Name);
            if (entry.Actor.KeyId is string keyId)
            {
                json.WriteString("keyId", keyId);
            }

            json.WriteEndObject();
            json.WriteString("action", entry.Action);
            json.WriteString("targetType", entry.TargetType);
            json.WriteString("targetId", entry.TargetId);
            json.WriteString("scope", entry.Scope);
            json.WriteNumber("outcome", entry.Outcome);
            json.WriteStartArray("changes");
            foreach (AuditChange change in entry.Changes)
            {
                json.WriteStartObject();
                json.WriteString("field", change.Field);
                WriteJsonValue(json, "before", change.Before);
                WriteJsonValue(json, "after", change.After);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteOptional(json, "requestId", entry.RequestId);
            WriteOptional(json, "address", entry.Address);
            WriteOptional(json, "userAgent", entry.UserAgent);
            json.WriteString("prev", previousHash);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>SHA-256 of the record's text, lower-case hex.</summary>
    public static string Hash(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>The record a stored text tells; throws <see cref="JsonException"/> for a text that is not one.</summary>
    public static AuditRecord Read(StoredAuditRecord stored)
    {
        using JsonDocument document = JsonDocument.Parse(stored.Body);
        JsonElement root = document.RootElement;
        JsonElement actor = root.GetProperty("actor");
        var changes = new List<AuditChange>();
        foreach (JsonElement change in root.GetProperty("changes").EnumerateArray())
        {
            changes.Add(new AuditChange(change.GetProperty("field").GetString()!, RawOrNull(change, "before"), RawOrNull(change, "after")));
        }

        var entry = new AuditEntry(
            root.GetProperty("source").GetString()!,
            new AuditActor(actor.GetProperty("kind").GetString()!, actor.GetProperty("name").GetString()!, StringOrNull(actor, "keyId")),
            root.GetProperty("action").GetString()!,
            root.GetProperty("targetType").GetString()!,
            root.GetProperty("targetId").GetString()!,
            root.GetProperty("scope").GetString()!,
            root.GetProperty("outcome").GetInt32(),
            changes,
            StringOrNull(root, "requestId"),
            StringOrNull(root, "address"),
            StringOrNull(root, "userAgent"));
        return new AuditRecord(stored.Id, root.GetProperty("at").GetDateTimeOffset(), entry, root.GetProperty("prev").GetString()!, stored.Hash);
    }

    private static void WriteJsonValue(Utf8JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? RawOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null;

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
