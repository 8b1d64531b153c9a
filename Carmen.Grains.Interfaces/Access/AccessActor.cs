namespace Carmen.Grains.Interfaces.Access;

/// <summary>Who changes access, and from where, for the decision (nobody grants above themselves) and the record.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AccessActor")]
public sealed record AccessActor(
    [property: Id(0)] string Name,
    [property: Id(1)] bool PlatformAdmin,
    [property: Id(2)] string? Address);
