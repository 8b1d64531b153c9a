using Carmen.Grains.Interfaces.ApiKeys;

namespace Carmen.Api.Contracts;

/// <summary>
/// An API key without its secret: the prefix every key shows, when and from where it was last used, and the key that
/// replaced it after a rotation.
/// </summary>
public sealed record ApiKeyResponse(
    string Id, string Prefix, string Name, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, string? LastUsedFrom, string? Key = null, string? ReplacedBy = null)
{
    public static ApiKeyResponse From(ApiKeyInfo key, string? secret = null) => new(
        key.Id, key.Prefix, key.Name, key.CreatedAt, key.CreatedBy, key.ExpiresAt, key.RevokedAt, key.LastUsedAt, key.LastUsedFrom, secret, key.ReplacedBy);
}
