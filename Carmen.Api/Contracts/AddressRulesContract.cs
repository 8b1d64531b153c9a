using Carmen.Grains.Interfaces.Security;

namespace Carmen.Api.Contracts;

/// <summary>Address ranges (CIDR, or one address) allowed and denied; an empty allow list allows every address not denied.</summary>
public sealed record AddressRulesContract(IReadOnlyList<string>? Allow, IReadOnlyList<string>? Deny)
{
    public AddressRules ToRules() => new(Allow ?? [], Deny ?? []);

    public static AddressRulesContract From(AddressRules rules) => new(rules.Allow, rules.Deny);
}
