using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Audit;

/// <summary>
/// The fields that differ between two JSON representations of a resource, flattened to paths ("settings.maxDevices";
/// an array is one value). Secrets are redacted on both sides after comparing, so their change still shows.
/// </summary>
public static class AuditChanges
{
    private const int MaxFields = 200;
    private const int MaxValueLength = 2048;

    public static IReadOnlyList<AuditChange> Between(JsonElement? before, JsonElement? after)
    {
        Dictionary<string, (string Raw, bool Secret)> old = Flatten(before), now = Flatten(after);
        var changes = new List<AuditChange>();
        foreach (string field in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            bool hadBefore = old.TryGetValue(field, out var previous), hasAfter = now.TryGetValue(field, out var current);
            if (hadBefore && hasAfter && previous.Raw == current.Raw)
            {
                continue;
            }

            if (changes.Count == MaxFields)
            {
                changes.Add(new AuditChange("…", null, JsonSerializer.Serialize($"more fields changed than the {MaxFields} recorded")));
                break;
            }

            changes.Add(new AuditChange(field, hadBefore ? Shown(previous) : null, hasAfter ? Shown(current) : null));
        }

        return changes;
    }

    private static string Shown((string Raw, bool Secret) value) =>
        value.Secret && value.Raw != "null" ? SecretFields.Redacted
        : value.Raw.Length <= MaxValueLength ? value.Raw
        : JsonSerializer.Serialize(string.Concat(value.Raw.AsSpan(0, MaxValueLength), "… (truncated)"));

    private static Dictionary<string, (string Raw, bool Secret)> Flatten(JsonElement? root)
    {
        var fields = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        if (root is JsonElement { ValueKind: JsonValueKind.Object } element)
        {
            Flatten(element, "", secret: false, fields);
        }
        else if (root is JsonElement { ValueKind: not JsonValueKind.Undefined } value)
        {
            fields["value"] = (value.GetRawText(), false);
        }

        return fields;
    }

    private static void Flatten(JsonElement element, string prefix, bool secret, Dictionary<string, (string, bool)> fields)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string path = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            bool isSecret = secret || SecretFields.IsSecret(property.Name);
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.EnumerateObject().Any())
            {
                Flatten(property.Value, path, isSecret, fields);
            }
            else
            {
                fields[path] = (property.Value.GetRawText(), isSecret);
            }
        }
    }
}
