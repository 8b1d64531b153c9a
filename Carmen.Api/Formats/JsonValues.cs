using System.Text.Json;

namespace Carmen.Api.Formats;

/// <summary>JSON kept as text in the grains (attribute and telemetry values, RPC answers), as a value a response serializes as is.</summary>
public static class JsonValues
{
    public static JsonElement Parse(string text)
    {
        using JsonDocument document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
