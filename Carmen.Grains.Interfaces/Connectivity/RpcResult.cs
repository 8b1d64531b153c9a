namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A server-side RPC as it stands: its id (the request id the device sees), status, and the device's answer (JSON) once there is one.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RpcResult")]
public sealed record RpcResult(
    [property: Id(0)] int Id,
    [property: Id(1)] string Method,
    [property: Id(2)] RpcStatus Status,
    [property: Id(3)] string? ResponseJson,
    [property: Id(4)] DateTimeOffset? ExpiresAt);
