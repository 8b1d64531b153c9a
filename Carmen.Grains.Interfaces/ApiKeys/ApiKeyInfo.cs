namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>
/// An API key as its owners see it: never its secret, only the prefix that recognises it; <see cref="ReplacedBy"/> names
/// the key a rotation made in its place (this one then works until its <see cref="ExpiresAt"/>, the overlap's end).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string Principal,
    [property: Id(3)] string Name,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] DateTimeOffset? RevokedAt,
    [property: Id(8)] DateTimeOffset? LastUsedAt,
    [property: Id(9)] string? LastUsedFrom,
    [property: Id(10)] string? ReplacedBy = null)
{
    /// <summary>What a key shows of itself: "carmen_" and its id, the start of the key.</summary>
    public string Prefix => ApiKeyTokens.Scheme + Id;
}
