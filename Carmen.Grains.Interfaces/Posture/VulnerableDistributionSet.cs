namespace Carmen.Grains.Interfaces.Posture;

/// <summary>A distribution set an operator marked vulnerable, with the advisory that says why (a CVE, a vendor bulletin).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.VulnerableDistributionSet")]
public sealed record VulnerableDistributionSet(
    [property: Id(0)] long DistributionSetId,
    [property: Id(1)] string Advisory);
