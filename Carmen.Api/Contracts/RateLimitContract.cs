using Carmen.Grains.Interfaces.RateLimits;

namespace Carmen.Api.Contracts;

/// <summary><c>{"requestsPerSecond":10,"burst":20,"routeGroups":{"devices":{"requestsPerSecond":2,"burst":5}}}</c>.</summary>
public sealed record RateLimitContract(double RequestsPerSecond, int Burst, IReadOnlyDictionary<string, RateLimitContract>? RouteGroups)
{
    public RateLimit ToLimit() => new(RequestsPerSecond, Burst, RouteGroups?.ToDictionary(group => group.Key, group => group.Value.ToLimit(), StringComparer.Ordinal));

    public static RateLimitContract? From(RateLimit? limit) => limit is null ? null
        : new(limit.RequestsPerSecond, limit.Burst, limit.RouteGroups?.ToDictionary(group => group.Key, group => From(group.Value)!, StringComparer.Ordinal));
}
