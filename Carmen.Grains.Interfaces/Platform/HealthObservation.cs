namespace Carmen.Grains.Interfaces.Platform;

/// <summary>
/// What a silo sees of one check for one subject right now: <see cref="Failing"/> raises its platform alert (once),
/// and a later observation that it no longer fails clears it. <see cref="Summary"/> says what was measured.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.HealthObservation")]
public sealed record HealthObservation(
    [property: Id(0)] PlatformHealthCheck Check,
    [property: Id(1)] string Subject,
    [property: Id(2)] bool Failing,
    [property: Id(3)] string Summary);
