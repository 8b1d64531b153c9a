using System.Security.Claims;
using Carmen.Api.Auth;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Api.RateLimits;

/// <summary>
/// One bucket a call is taken from: its policy name as the headers and problems show it ("perKey", "perTenant/devices"),
/// the cluster-wide bucket's id ("acme/key/ab12cd34/devices"), and its limit.
/// </summary>
public sealed record LimitedBucket(string Name, string Id, RateLimit Limit, string Subject)
{
    /// <summary>The buckets of a call by <paramref name="user"/> of tenant <paramref name="tenantId"/> to <paramref name="group"/>, narrowest first.</summary>
    public static IEnumerable<LimitedBucket> For(string tenantId, ClaimsPrincipal user, RateLimitPolicy limits, string group)
    {
        string? keyId = user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
        string actor = user.Actor();
        IEnumerable<LimitedBucket> buckets = [];
        if (keyId is not null && limits.PerKey is RateLimit perKey)
        {
            buckets = buckets.Concat(Of("perKey", $"{tenantId}/key/{keyId}", perKey, group, $"key {keyId}"));
        }

        if (ServiceAccounts.IdOf(actor) is null && limits.PerUser is RateLimit perUser)
        {
            buckets = buckets.Concat(Of("perUser", $"{tenantId}/user/{actor}", perUser, group, $"user {actor}"));
        }

        if (limits.PerTenant is RateLimit perTenant)
        {
            buckets = buckets.Concat(Of("perTenant", $"{tenantId}/tenant", perTenant, group, $"tenant {tenantId}"));
        }

        return buckets;
    }

    /// <summary>"per-key limit for key ab12cd34", "per-tenant limit on route group devices for tenant acme".</summary>
    public string Describe()
    {
        string[] parts = Name.Split('/');
        string scope = parts[0] switch { "perKey" => "per-key", "perUser" => "per-user", _ => "per-tenant" };
        return parts.Length > 1 ? $"{scope} limit on route group '{parts[1]}' for {Subject}" : $"{scope} limit for {Subject}";
    }

    private static IEnumerable<LimitedBucket> Of(string name, string id, RateLimit limit, string group, string subject)
    {
        if (limit.RouteGroups?.GetValueOrDefault(group) is RateLimit groupLimit)
        {
            yield return new LimitedBucket($"{name}/{group}", $"{id}/{group}", groupLimit, subject);
        }

        yield return new LimitedBucket(name, id, limit, subject);
    }
}
