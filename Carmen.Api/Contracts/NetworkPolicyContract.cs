using Carmen.Grains.Interfaces.Security;

namespace Carmen.Api.Contracts;

/// <summary>
/// <c>{"signIn":{"allow":[...],"deny":[...]},"apiKeys":{...}}</c>: where the tenant's users may sign in from and where
/// its API keys may be used from. A part left out is open.
/// </summary>
public sealed record NetworkPolicyContract(AddressRulesContract? SignIn, AddressRulesContract? ApiKeys)
{
    public NetworkPolicy ToPolicy() => new(SignIn?.ToRules() ?? AddressRules.Any, ApiKeys?.ToRules() ?? AddressRules.Any);

    public static NetworkPolicyContract From(NetworkPolicy policy) => new(AddressRulesContract.From(policy.SignIn), AddressRulesContract.From(policy.ApiKeys));
}
