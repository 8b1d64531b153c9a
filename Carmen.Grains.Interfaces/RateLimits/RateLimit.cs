namespace Carmen.Grains.Interfaces.RateLimits;

/// <summary>
/// A token bucket: <see cref="Burst"/> calls at once, refilled at <see cref="RequestsPerSecond"/> (fractions allowed:
/// 0.5 is one call every two seconds). <see cref="RouteGroups"/> adds a bucket of its own for calls to one route group
/// ("devices", "audit"), held besides this one; a route group's limit has no groups of its own.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RateLimit")]
public sealed record RateLimit(
    [property: Id(0)] double RequestsPerSecond,
    [property: Id(1)] int Burst,
    [property: Id(2)] IReadOnlyDictionary<string, RateLimit>? RouteGroups = null)
{
    private static readonly IReadOnlyDictionary<string, RateLimit> s_noGroups = new Dictionary<string, RateLimit>();

    /// <summary>The highest rate a limit may set.</summary>
    public const double MaxRequestsPerSecond = 100_000;

    /// <summary>The largest burst a limit may set.</summary>
    public const int MaxBurst = 1_000_000;

    /// <summary>How long an empty bucket takes to fill, in whole seconds: the window of the RateLimit-Policy header.</summary>
    public int WindowSeconds => (int)Math.Ceiling(Burst / RequestsPerSecond);

    /// <summary>The stricter of two limits, each number on its own; route groups of either, the stricter where both name one.</summary>
    public static RateLimit? Stricter(RateLimit? first, RateLimit? second)
    {
        if (first is null || second is null)
        {
            return first ?? second;
        }

        Dictionary<string, RateLimit> groups = new(StringComparer.Ordinal);
        foreach ((string group, RateLimit limit) in (first.RouteGroups ?? s_noGroups).Concat(second.RouteGroups ?? s_noGroups))
        {
            groups[group] = Stricter(groups.GetValueOrDefault(group), limit)!;
        }

        return new RateLimit(Math.Min(first.RequestsPerSecond, second.RequestsPerSecond), Math.Min(first.Burst, second.Burst), groups.Count == 0 ? null : groups);
    }
}
