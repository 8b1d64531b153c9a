using Carmen.Grains.Interfaces.Security;

namespace Carmen.Grains.Security;

[GenerateSerializer, Alias("Carmen.NetworkPolicyState")]
public sealed class NetworkPolicyState
{
    /// <summary>Null until set: open.</summary>
    [Id(0)]
    public NetworkPolicy? Policy { get; set; }
}
