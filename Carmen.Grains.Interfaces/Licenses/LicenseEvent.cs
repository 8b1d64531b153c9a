namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>One entry of a license's history.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">What: <c>installed</c>, <c>issued</c>, ...</param>
/// <param name="Actor">Who (a user or key reference), or null for the platform itself.</param>
/// <param name="Detail">For people.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseEvent")]
public sealed record LicenseEvent(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Actor,
    [property: Id(3)] string Detail);
