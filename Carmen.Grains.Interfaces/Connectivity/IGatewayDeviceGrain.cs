namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// The gateway side of a device grain (same grain as IDeviceGrain, same key): a gateway device adopts the children it
/// names, and a child comes online through its gateway's connection. A gateway reaches its own children only.
/// </summary>
[Alias("Carmen.IGatewayDeviceGrain")]
public interface IGatewayDeviceGrain : IGrainWithStringKey
{
    /// <summary>Whether the device is a gateway that may publish for children now (in service, not quarantined).</summary>
    [Alias("IsGateway")]
    Task<bool> IsGatewayAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// As the gateway: registers the child first named <paramref name="name"/>, in the gateway's cluster, unless the
    /// tenant has switched auto-registration off or its quota is used; then a reason is returned. Null when the child
    /// exists now (registered by this call or a racing one).
    /// </summary>
    [Alias("AdoptChild")]
    Task<string?> AdoptChildAsync(string name, string? type, CancellationToken cancellationToken = default);

    /// <summary>As the child: comes online through the connection of gateway <paramref name="gatewayDeviceId"/>, whose child it must be.</summary>
    [Alias("ConnectThroughGateway")]
    Task<ChildConnectOutcome> ConnectThroughGatewayAsync(string gatewayDeviceId, string name, DeviceConnection connection, CancellationToken cancellationToken = default);
}
