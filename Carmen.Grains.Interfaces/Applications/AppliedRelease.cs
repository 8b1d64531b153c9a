namespace Carmen.Grains.Interfaces.Applications;

/// <summary>A release a tenant ran from <see cref="AppliedAt"/>: one line of its version history.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AppliedRelease")]
public sealed record AppliedRelease(
    [property: Id(0)] long ReleaseId,
    [property: Id(1)] string Version,
    [property: Id(2)] string Changelog,
    [property: Id(3)] DateTimeOffset AppliedAt,
    [property: Id(4)] long ActionId,
    [property: Id(5)] long? RolloutId,
    [property: Id(6)] string? PreviousVersion,
    [property: Id(7)] bool Rollback = false);
