using System.Text.Json;
using System.Text.Json.Nodes;

namespace Carmen.Api.Contracts;

/// <summary>Attributes travel through the grid as JSON texts per key; these convert at the HTTP edge.</summary>
public static class AttributeJson
{
    public static JsonObject ToObject(IReadOnlyDictionary<string, string> attributes) =>
        new(attributes.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, JsonNode.Parse(pair.Value))));

    public static Dictionary<string, string> ToTexts(JsonElement body) =>
        body.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetRawText(), StringComparer.Ordinal);
}
