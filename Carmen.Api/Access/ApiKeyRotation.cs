using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.ApiKeys;

namespace Carmen.Api.Access;

/// <summary>
/// Making and rotating keys, the same for a service account's and a user's: a new key for the same principal and name,
/// the old one retired at the end of the overlap (it keeps working until then, so clients can move without a gap).
/// </summary>
public static class ApiKeyRotation
{
    public const int MaxNameLength = 200;
    private const int MaxOverlapHours = 720;
    private const int DefaultOverlapHours = 24;

    public static async Task<(ApiKeyInfo Key, string Secret)> CreateAsync(
        IGrainFactory grains, string tenantId, string principal, string? name, DateTimeOffset? expiresAt, string createdBy, TimeProvider time,
        CancellationToken cancellationToken)
    {
        string checkedName = name?.Trim() is { Length: > 0 and <= MaxNameLength } valid
            ? valid
            : throw CarmenException.Invalid("name", $"A key's name is 1 to {MaxNameLength} characters.");
        if (expiresAt <= time.GetUtcNow())
        {
            throw CarmenException.Invalid("expiresAt", "expiresAt is in the future (or left out for a key that does not expire).");
        }

        return await grains.GetGrain<IApiKeyGrain>(ApiKeyTokens.NewId()).CreateAsync(tenantId, principal, checkedName, expiresAt, createdBy, cancellationToken);
    }

    public static async Task<(ApiKeyInfo Key, string Secret, ApiKeyInfo Previous)> RotateAsync(
        IGrainFactory grains, ApiKeyInfo old, RotateApiKeyRequest request, string rotatedBy, TimeProvider time, CancellationToken cancellationToken)
    {
        int overlapHours = request.OverlapHours ?? DefaultOverlapHours;
        if (overlapHours is < 0 or > MaxOverlapHours)
        {
            throw CarmenException.Invalid("overlapHours", $"overlapHours is 0 to {MaxOverlapHours}.");
        }

        DateTimeOffset now = time.GetUtcNow();
        if (old.RevokedAt is not null || old.ExpiresAt <= now || old.ReplacedBy is not null)
        {
            throw CarmenException.Conflict($"API key '{old.Id}' is revoked, expired or already replaced; make a new key instead.");
        }

        (ApiKeyInfo key, string secret) = await CreateAsync(grains, old.TenantId, old.Principal, old.Name, request.ExpiresAt, rotatedBy, time, cancellationToken);
        ApiKeyInfo previous = await grains.GetGrain<IApiKeyGrain>(old.Id).RetireAsync(now.AddHours(overlapHours), key.Id, cancellationToken);
        return (key, secret, previous);
    }
}
