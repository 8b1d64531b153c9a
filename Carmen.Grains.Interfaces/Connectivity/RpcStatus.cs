namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>Where a server-side RPC stands.</summary>
[GenerateSerializer, Alias("Carmen.RpcStatus")]
public enum RpcStatus
{
    /// <summary>Persistent, waiting for the device to connect and subscribe.</summary>
    Queued = 0,

    /// <summary>Delivered to the device's connection; a two-way call waits for the answer.</summary>
    Sent = 1,

    /// <summary>The device answered.</summary>
    Successful = 2,

    /// <summary>No answer within the timeout.</summary>
    TimedOut = 3,

    /// <summary>Persistent, and the device did not take it before it expired.</summary>
    Expired = 4,

    /// <summary>Not persistent, and the device is not connected.</summary>
    Offline = 5,

    /// <summary>Connected, but not subscribed to v1/devices/me/rpc/request/+.</summary>
    NotSubscribed = 6,
}
