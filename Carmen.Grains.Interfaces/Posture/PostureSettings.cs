namespace Carmen.Grains.Interfaces.Posture;

/// <summary>A tenant's posture checks: their windows, how often they run, and the distribution sets marked vulnerable.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.PostureSettings")]
public sealed record PostureSettings(
    [property: Id(0)] int ExpiringWithinDays,
    [property: Id(1)] int DormantAfterDays,
    [property: Id(2)] int SharedCredentialsWithinDays,
    [property: Id(3)] int IntervalHours,
    [property: Id(4)] IReadOnlyList<VulnerableDistributionSet> VulnerableDistributionSets)
{
    /// <summary>What a tenant starts with: certificates expiring within 30 days, devices unseen for 30, sharing within 7, checked daily.</summary>
    public static PostureSettings Default { get; } = new(30, 30, 7, 24, []);

    /// <summary>The longest window in days.</summary>
    public const int MaxDays = 3650;

    /// <summary>The longest interval between scheduled checks, in hours (a week).</summary>
    public const int MaxIntervalHours = 168;

    /// <summary>The most distribution sets marked vulnerable at once.</summary>
    public const int MaxVulnerableSets = 1000;
}
