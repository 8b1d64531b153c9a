namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// When a group is done and the next may start: once <see cref="Percentage"/> of its devices succeeded, after
/// <see cref="StableFor"/> without a new failure (when given), and only once approved (when asked).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.SuccessCondition")]
public sealed record SuccessCondition(
    [property: Id(0)] double Percentage = 100,
    [property: Id(1)] TimeSpan? StableFor = null,
    [property: Id(2)] bool RequireApproval = false);
