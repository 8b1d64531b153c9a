using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Ingest;

/// <summary>What a cell took between two of its grain's turns: the newest value of each key, and the counts.</summary>
public sealed record IngestTaken(Dictionary<string, TimestampedValue> Latest, long Messages, long Points, DateTimeOffset LastSeenAt);
