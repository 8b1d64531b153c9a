using System.Text.Json;
using System.Text.Json.Nodes;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Api.Formats;

/// <summary>Attributes travel through the grid as JSON texts per key; these convert at the HTTP edge.</summary>
public static class AttributeJson
{
    public static JsonObject ToObject(IReadOnlyDictionary<string, string> attributes) =>
        new(attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, JsonNode.Parse(pair.Value))));

    /// <summary>
    /// Each member's JSON text by key. A number no double holds (<c>1e400</c>) is refused naming its key; the grain
    /// checks counts and sizes. Duplicate keys never get here: the API's JSON options refuse them when reading.
    /// </summary>
    public static Dictionary<string, string> ToTexts(IEnumerable<KeyValuePair<string, JsonElement>> members)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, JsonElement value) in members)
        {
            if (JsonNumbers.FirstNonFinite(value, key) is string overflowing)
            {
                throw CarmenException.Invalid(overflowing, $"'{overflowing}' is a number {JsonNumbers.OutOfRange}.");
            }

            texts[key] = value.GetRawText();
        }

        return texts;
    }

    public static Dictionary<string, string> ToTexts(JsonElement body) =>
        ToTexts(body.EnumerateObject().Select(property => KeyValuePair.Create(property.Name, property.Value)));
}
