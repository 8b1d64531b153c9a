using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Security;

namespace Carmen.Api.Security;

/// <summary>
/// Each tenant's network policy as this node last read it, for up to <see cref="Kept"/>: an API key's every request
/// checks it without a call to its grain. A change made on this node is in force here at once, elsewhere within
/// <see cref="Kept"/>.
/// </summary>
public sealed class TenantNetworkPolicies(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (NetworkPolicy Policy, DateTimeOffset ReadAt)> _policies = new(StringComparer.Ordinal);

    public async ValueTask<NetworkPolicy> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_policies.TryGetValue(tenantId, out var kept) && now - kept.ReadAt < Kept)
        {
            return kept.Policy;
        }

        NetworkPolicy policy = await grains.GetGrain<INetworkPolicyGrain>(tenantId).GetAsync(cancellationToken);
        _policies[tenantId] = (policy, now);
        return policy;
    }

    public void Changed(string tenantId, NetworkPolicy policy) => _policies[tenantId] = (policy, time.GetUtcNow());
}
