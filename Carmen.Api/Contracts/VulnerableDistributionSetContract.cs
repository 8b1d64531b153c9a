namespace Carmen.Api.Contracts;

/// <summary>A distribution set marked vulnerable, and the advisory saying why.</summary>
public sealed record VulnerableDistributionSetContract(long DistributionSetId, string? Advisory);
