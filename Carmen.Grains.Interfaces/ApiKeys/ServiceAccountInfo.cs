namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>A tenant's service account: a principal for automation, given roles at scopes like a user, signing in only with its API keys.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ServiceAccountInfo")]
public sealed record ServiceAccountInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] IReadOnlyList<string> KeyIds);
