namespace Carmen.Grains.Interfaces.Security;

/// <summary>
/// Where a tenant's people may sign in from, and where its API keys may be used from: address ranges (CIDR) allowed
/// and denied for each. A denied range always refuses; a non-empty allow list refuses everything outside it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.NetworkPolicy")]
public sealed record NetworkPolicy(
    [property: Id(0)] AddressRules SignIn,
    [property: Id(1)] AddressRules ApiKeys)
{
    /// <summary>No restriction.</summary>
    public static NetworkPolicy Open { get; } = new(AddressRules.Any, AddressRules.Any);
}
