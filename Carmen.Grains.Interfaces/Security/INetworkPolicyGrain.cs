namespace Carmen.Grains.Interfaces.Security;

/// <summary>A tenant's <see cref="NetworkPolicy"/>, keyed by tenant id.</summary>
[Alias("Carmen.INetworkPolicyGrain")]
public interface INetworkPolicyGrain : IGrainWithStringKey
{
    /// <summary>The policy; open until one is set.</summary>
    [Alias("Get")]
    Task<NetworkPolicy> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the policy; each range is checked (a field error names the list and position).</summary>
    [Alias("Set")]
    Task<NetworkPolicy> SetAsync(NetworkPolicy policy, CancellationToken cancellationToken = default);
}
