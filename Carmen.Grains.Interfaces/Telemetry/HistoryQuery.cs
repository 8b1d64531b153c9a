namespace Carmen.Grains.Interfaces.Telemetry;

/// <summary>
/// A key's history over [From, To) in Unix milliseconds: raw (at most <see cref="Limit"/> points, oldest first) or
/// aggregated per <see cref="Interval"/> milliseconds, buckets starting at <see cref="From"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.HistoryQuery")]
public sealed record HistoryQuery(
    [property: Id(0)] string Key,
    [property: Id(1)] long From,
    [property: Id(2)] long To,
    [property: Id(3)] TelemetryAggregation Aggregation,
    [property: Id(4)] long Interval,
    [property: Id(5)] int Limit);
