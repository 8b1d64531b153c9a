using System.Text.Json;
using System.Text.Json.Serialization;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Api.Contracts;

/// <summary>ThingsBoard's shape for a latest value: the time it was measured (Unix milliseconds) and the value as sent.</summary>
public sealed record LatestTelemetryValue([property: JsonPropertyName("ts")] long Timestamp, JsonElement Value)
{
    /// <summary>Each key's value in this shape.</summary>
    public static Dictionary<string, LatestTelemetryValue> From(IReadOnlyDictionary<string, TimestampedValue> values) =>
        values.ToDictionary(pair => pair.Key, pair => new LatestTelemetryValue(pair.Value.Timestamp, JsonValues.Parse(pair.Value.Value.ToJson())));
}
