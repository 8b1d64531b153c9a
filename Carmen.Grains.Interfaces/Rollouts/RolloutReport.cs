namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>A device's news about its rollout action.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutReport")]
public sealed record RolloutReport(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] long ActionId,
    [property: Id(2)] RolloutReportKind Kind,
    [property: Id(3)] string? Detail = null);
