namespace Carmen.Grains.Interfaces.Applications;

/// <summary>
/// One version of the tenants' application configuration, published by a platform administrator: the version,
/// what changed, and the configuration document (a JSON object) tenants run once it reaches them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ApplicationRelease")]
public sealed record ApplicationRelease(
    [property: Id(0)] long Id,
    [property: Id(1)] string Version,
    [property: Id(2)] string Changelog,
    [property: Id(3)] string Configuration,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy);
