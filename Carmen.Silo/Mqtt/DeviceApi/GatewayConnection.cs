using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Mqtt.Listener;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// The children one gateway's connection carries. A child comes online through it when first named (registered
/// first if the tenant lets gateways do so), is reached through it, and goes offline when the gateway says so or the
/// connection ends. Known children cost no grain call beyond their own.
/// </summary>
internal sealed class GatewayConnection(DeviceSession gateway, IGrainFactory grains, DeviceSessions sessions, TenantRateLimits rateLimits, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Task<GatewayChild>> _children = new(StringComparer.Ordinal);

    public DeviceSession Session => gateway;

    /// <summary>The children online through this connection now.</summary>
    public IEnumerable<GatewayChild> Children =>
        _children.Values.Where(child => child.IsCompletedSuccessfully).Select(child => child.Result);

    /// <summary>The child named <paramref name="name"/>, online through this connection; <see cref="UnauthorizedAccessException"/> when the gateway may not reach it.</summary>
    public async Task<GatewayChild> ChildAsync(string name, string? type = null)
    {
        Task<GatewayChild> connecting = _children.GetOrAdd(name, static (name, state) => state.Self.ConnectAsync(name, state.Type), (Self: this, Type: type));
        try
        {
            return await connecting;
        }
        catch
        {
            _children.TryRemove(new KeyValuePair<string, Task<GatewayChild>>(name, connecting)); // the next message tries again
            throw;
        }
    }

    /// <summary>The gateway says the child is gone: it goes offline.</summary>
    public async Task DisconnectAsync(string name)
    {
        if (_children.TryRemove(name, out Task<GatewayChild>? connecting) && connecting.IsCompletedSuccessfully)
        {
            await OfflineAsync(connecting.Result);
        }
    }

    /// <summary>The gateway's connection ended: every child goes offline.</summary>
    public async Task DisconnectAllAsync()
    {
        List<GatewayChild> children = [.. Children];
        _children.Clear();
        await Task.WhenAll(children.Select(OfflineAsync));
    }

    /// <summary>The child's grain closed its connection through the gateway (it connected on its own, or was quarantined).</summary>
    public void Release(GatewayChild child)
    {
        sessions.RemoveChild(child);
        if (_children.TryGetValue(child.Name, out Task<GatewayChild>? current) && current.IsCompletedSuccessfully && current.Result == child)
        {
            _children.TryRemove(new KeyValuePair<string, Task<GatewayChild>>(child.Name, current));
        }
    }

    /// <summary>A message from the child's grain, as the gateway API carries it; false when it carries no such message or the gateway did not subscribe.</summary>
    public async Task<bool> DeliverAsync(GatewayChild child, DeviceMessage message) =>
        GatewayPayloads.ForGateway(child.Name, message) is DeviceMessage forGateway && await sessions.DeliverAsync(gateway, forGateway);

    private async Task<GatewayChild> ConnectAsync(string name, string? type)
    {
        var device = new DeviceKey(gateway.Device.TenantId, DeviceNames.IdOf(name));
        IGatewayDeviceGrain childGrain = grains.GetGrain<IGatewayDeviceGrain>(device.ToString());
        var child = new GatewayChild(this, name, device, grains.GetGrain<IConnectedDeviceGrain>(device.ToString()),
            await rateLimits.ForDeviceAsync(device.TenantId, CancellationToken.None));
        DeviceConnection connection = gateway.Connection! with
        {
            ConnectionId = child.ConnectionId,
            ConnectedAt = time.GetUtcNow(),
            GatewayDeviceId = gateway.Device.DeviceId,
        };

        sessions.AddChild(child); // before the grain hears of it, so what it sends at once finds the way
        ChildConnectOutcome outcome = await childGrain.ConnectThroughGatewayAsync(gateway.Device.DeviceId, name, connection);
        if (outcome == ChildConnectOutcome.Unknown)
        {
            if (await grains.GetGrain<IGatewayDeviceGrain>(gateway.Device.ToString()).AdoptChildAsync(name, type) is string refusal)
            {
                sessions.RemoveChild(child);
                throw new UnauthorizedAccessException(refusal);
            }

            outcome = await childGrain.ConnectThroughGatewayAsync(gateway.Device.DeviceId, name, connection);
        }

        if (outcome != ChildConnectOutcome.Connected)
        {
            sessions.RemoveChild(child);
            throw new UnauthorizedAccessException(outcome == ChildConnectOutcome.NotAChild
                ? $"Device '{name}' is not a child of gateway '{gateway.Device.DeviceId}'."
                : $"Child '{name}' may not connect now: it is quarantined or decommissioned, or its tenant is suspended.");
        }

        if (gateway.SubscribedAt(DeviceSubscription.GatewayRpc) is not null)
        {
            await child.Grain.RpcSubscribedAsync(child.ConnectionId);
        }

        return child;
    }

    private async Task OfflineAsync(GatewayChild child)
    {
        sessions.RemoveChild(child);
        await child.Grain.DisconnectedAsync(child.ConnectionId);
    }
}
