using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Security;

namespace Carmen.Grains.Security;

/// <summary>Keeps a tenant's network policy, with its ranges checked and written canonically ("10.0.0.0/8").</summary>
[GrainType("network-policy")]
public sealed class NetworkPolicyGrain(
    [PersistentState("network-policy", StorageNames.Tenants)] IPersistentState<NetworkPolicyState> stored) : Grain, INetworkPolicyGrain
{
    public Task<NetworkPolicy> GetAsync(CancellationToken cancellationToken) => Task.FromResult(stored.State.Policy ?? NetworkPolicy.Open);

    public async Task<NetworkPolicy> SetAsync(NetworkPolicy policy, CancellationToken cancellationToken)
    {
        stored.State.Policy = new NetworkPolicy(Checked(policy.SignIn, "signIn"), Checked(policy.ApiKeys, "apiKeys"));
        await stored.WriteStateAsync(cancellationToken);
        return stored.State.Policy;
    }

    private static AddressRules Checked(AddressRules rules, string field) =>
        new(Checked(rules.Allow, $"{field}.allow"), Checked(rules.Deny, $"{field}.deny"));

    private static List<string> Checked(IReadOnlyList<string> ranges, string field)
    {
        if (ranges.Count > AddressRules.MaxRanges)
        {
            throw CarmenException.Invalid(field, $"{field} lists at most {AddressRules.MaxRanges} ranges.");
        }

        var canonical = new List<string>(ranges.Count);
        for (int i = 0; i < ranges.Count; i++)
        {
            try
            {
                canonical.Add(AddressRules.Range(ranges[i].Trim()).ToString());
            }
            catch (Exception malformed) when (malformed is FormatException or ArgumentException)
            {
                throw CarmenException.Invalid($"{field}[{i}]", $"'{ranges[i]}' is not an address range (CIDR such as 10.0.0.0/8 or 2001:db8::/32, or one address).");
            }
        }

        return canonical;
    }
}
