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
        if (attributes.Count > InputLimits.MaxAttributesPerScope)
        {
            throw CarmenException.Invalid(field, $"A device holds at most {InputLimits.MaxAttributesPerScope} attributes of each scope; this would make {attributes.Count}.");
        }

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

        // Only the count is checked on the whole: values stored before these limits existed do not block new ones.
        return merged.Count <= InputLimits.MaxAttributesPerScope || merged.Count <= current.Count
            ? merged
            : throw CarmenException.Invalid(field, $"A device holds at most {InputLimits.MaxAttributesPerScope} attributes of each scope; this would make {merged.Count}.");
    }

    private static string Shorten(string key) => key.Length <= 64 ? key : key[..64] + "…";
}
