using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Devices;

/// <summary>A persistent RPC as the device grain keeps it until the device has answered it or it has expired.</summary>
[GenerateSerializer, Alias("Carmen.PersistentRpc")]
public sealed class PersistentRpc
{
    [Id(0)] public int Id { get; set; }
    [Id(1)] public required RpcCall Call { get; set; }
    [Id(2)] public RpcStatus Status { get; set; }
    [Id(3)] public string? ResponseJson { get; set; }

    public RpcResult ToResult() => new(Id, Call.Method, Status, ResponseJson, Call.ExpiresAt);
}
