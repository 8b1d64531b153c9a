using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// The RPC side of a device grain (same grain, same key): ThingsBoard's server-side RPC, one-way or two-way,
/// persistent or not, and the device's answers.
/// </summary>
[Alias("Carmen.IRpcDeviceGrain")]
public interface IRpcDeviceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Sends a server-side RPC, or queues it when persistent and the device cannot take it now. A two-way call's answer
    /// is then awaited with <see cref="AwaitRpcAsync"/>, so the grain keeps serving the device meanwhile.
    /// </summary>
    [Alias("Call")]
    Task<RpcResult> CallAsync(RpcCall request, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <paramref name="timeout"/> for the device's answer to a call sent by <see cref="CallAsync"/>.</summary>
    [Alias("AwaitRpc"), AlwaysInterleave]
    Task<RpcResult> AwaitRpcAsync(int id, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>The device answered RPC <paramref name="id"/> (the answer as JSON).</summary>
    [Alias("CompleteRpc")]
    Task CompleteRpcAsync(int id, string responseJson, CancellationToken cancellationToken = default);

    /// <summary>A persistent RPC by id; not found when it is unknown or no longer kept.</summary>
    [Alias("GetRpc")]
    Task<RpcResult> GetRpcAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The connection subscribed to RPC requests: queued persistent calls go out now.</summary>
    [Alias("RpcSubscribed")]
    Task RpcSubscribedAsync(string connectionId, CancellationToken cancellationToken = default);
}
