namespace Carmen.Grains.Interfaces.Usage;

/// <summary>A tenant's usage in [From, To) by minute or by day, optionally of one key or one user.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ApiUsageQuery")]
public sealed record ApiUsageQuery(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] bool ByDay,
    [property: Id(3)] string? KeyId = null,
    [property: Id(4)] string? Principal = null);
