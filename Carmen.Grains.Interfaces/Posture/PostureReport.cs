namespace Carmen.Grains.Interfaces.Posture;

/// <summary>The outcome of a tenant's latest posture check: one finding per kind that found something.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.PostureReport")]
public sealed record PostureReport(
    [property: Id(0)] DateTimeOffset CheckedAt,
    [property: Id(1)] string Trigger,
    [property: Id(2)] int DevicesChecked,
    [property: Id(3)] IReadOnlyList<PostureFinding> Findings,
    [property: Id(4)] DateTimeOffset NextCheckAt);
