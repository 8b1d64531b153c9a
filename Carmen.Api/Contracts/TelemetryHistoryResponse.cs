using Carmen.Grains.Interfaces.Telemetry;

namespace Carmen.Api.Contracts;

/// <summary>A key's history: the range asked for, the aggregation and bucket length, and the points (bucket starts when aggregated).</summary>
public sealed record TelemetryHistoryResponse(
    string Key, long From, long To, TelemetryAggregation Agg, long? Interval, IReadOnlyList<LatestTelemetryValue> Points);
