using Carmen.Grains.Interfaces;

namespace Carmen.Grains.Devices;

/// <summary>
/// The device grain's own check of every attribute scope it is about to store, whichever way the attributes came
/// (MQTT, DDI configData, REST): the edges check the JSON, this keeps the grain's state bounded.
/// </summary>
internal static class AttributeLimits
{
    public static void Require(IReadOnlyDictionary<string, string> attributes, string field)
    {
        RequireCount(attributes.Count, field);

        foreach ((string key, string value) in attributes)
        {
            if (key.Length is 0 or > InputLimits.MaxKeyLength)
            {
                throw CarmenException.Invalid(field, $"Attribute keys are 1 to {InputLimits.MaxKeyLength} characters.");
            }

            if (value.Length > InputLimits.MaxAttributeValueLength)
            {
                throw CarmenException.Invalid(key, $"An attribute value is at most {InputLimits.MaxAttributeValueLength} characters of JSON; '{Shorten(key)}' has {value.Length}.");
            }
        }
    }

    /// <summary><paramref name="current"/> with <paramref name="changes"/> applied, refused whole (nothing changed) when beyond the limits.</summary>
    public static Dictionary<string, string> Merge(Dictionary<string, string> current, IReadOnlyDictionary<string, string> changes, string field)
    {
        Require(changes, field);
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach ((string key, string value) in changes)
        {
            merged[key] = value;
        }

        // Only the count is checked on the whole, and only when it grows: what was stored before these limits existed
        // does not block a change.
        if (merged.Count > current.Count)
        {
            RequireCount(merged.Count, field);
        }

        return merged;
    }

    private static void RequireCount(int count, string field)
    {
        if (count > InputLimits.MaxAttributesPerScope)
        {
            throw CarmenException.Invalid(field, $"A device holds at most {InputLimits.MaxAttributesPerScope} attributes of each scope; this would make {count}.");
        }
    }

    private static string Shorten(string key) => key.Length <= 64 ? key : key[..64] + "…";
}
