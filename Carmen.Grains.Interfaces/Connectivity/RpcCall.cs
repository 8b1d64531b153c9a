namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// A server-side RPC to a device: method and parameters (JSON), and how to deliver it. A persistent call is kept
/// until the device receives it or it expires; any other call needs the device connected now.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RpcCall")]
public sealed record RpcCall(
    [property: Id(0)] string Method,
    [property: Id(1)] string ParamsJson,
    [property: Id(2)] bool OneWay,
    [property: Id(3)] bool Persistent,
    [property: Id(4)] DateTimeOffset ExpiresAt);
