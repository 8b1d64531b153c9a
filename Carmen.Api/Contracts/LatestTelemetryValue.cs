using System.Text.Json;
using System.Text.Json.Serialization;

namespace Carmen.Api.Contracts;

/// <summary>ThingsBoard's shape for a latest value: the time it was measured (Unix milliseconds) and the value as sent.</summary>
public sealed record LatestTelemetryValue([property: JsonPropertyName("ts")] long Timestamp, JsonElement Value);
