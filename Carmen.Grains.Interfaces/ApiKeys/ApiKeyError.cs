namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>A call signed with a key that failed: when, which request, the status, and the problem's detail.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ApiKeyError")]
public sealed record ApiKeyError(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Request,
    [property: Id(2)] int Status,
    [property: Id(3)] string? Detail);
