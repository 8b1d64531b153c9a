using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// The device connections on this silo, by connection id and by MQTT client id, the gateways' children online through
/// them, and direct delivery to one of them:
/// a message for a device goes to its session's queue, never through the broker's topic matching, so it cannot reach
/// anyone else whatever they subscribed to.
/// </summary>
internal sealed class DeviceSessions : IDisposable
{
    /// <summary>The sessions of every silo in this process (one in production; tests host several), for the gauge.</summary>
    private static readonly LiveInstances<DeviceSessions> s_running = new();

    private static readonly ObservableGauge<int> s_sessionsGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.mqtt.sessions", CountByTenant, "{device}", "Devices connected over MQTT, by tenant: the fleet's online count.");

    private readonly ConcurrentDictionary<string, DeviceSession> _byConnection = new();
    private readonly ConcurrentDictionary<string, DeviceSession> _byClientId = new();
    private readonly ConcurrentDictionary<string, GatewayChild> _children = new();

    public DeviceSessions() => s_running.Add(this);

    public int Count => _byConnection.Count;

    public bool TryGet(string connectionId, out DeviceSession session) => _byConnection.TryGetValue(connectionId, out session!);

    /// <summary>The device connected under this client id now, if any.</summary>
    public DeviceSession? ByClientId(string clientId) => _byClientId.GetValueOrDefault(clientId);

    public void Add(DeviceSession session)
    {
        _byConnection[session.ConnectionId] = session;
        _byClientId[session.ClientId] = session;
    }

    public void Remove(DeviceSession session)
    {
        _byConnection.TryRemove(session.ConnectionId, out _);
        _byClientId.TryRemove(new KeyValuePair<string, DeviceSession>(session.ClientId, session));
    }

    /// <summary>A gateway's child, online through the gateway's connection under a connection id of its own.</summary>
    public void AddChild(GatewayChild child) => _children[child.ConnectionId] = child;

    public void RemoveChild(GatewayChild child) => _children.TryRemove(new KeyValuePair<string, GatewayChild>(child.ConnectionId, child));

    public bool TryGetChild(string connectionId, out GatewayChild child) => _children.TryGetValue(connectionId, out child!);

    public void Dispose() => s_running.Remove(this);

    private static IEnumerable<Measurement<int>> CountByTenant() =>
        s_running.All.SelectMany(sessions => sessions._byConnection.Values.Select(session => session.Device).Concat(sessions._children.Values.Select(child => child.Device)))
            .GroupBy(device => device.TenantId, StringComparer.Ordinal)
            .Select(tenant => new Measurement<int>(tenant.Count(), new KeyValuePair<string, object?>("tenant", tenant.Key)));

    /// <summary>Sends a message to the device if it subscribed to the topic (at most QoS 1); false when it did not or is gone.</summary>
    public async Task<bool> DeliverAsync(DeviceSession session, DeviceMessage message) =>
        DeviceSubscriptions.ForOutbound(message.Topic) is DeviceSubscription subscription
        && session.SubscribedAt(subscription) is { } qos
        && ByClientId(session.ClientId) == session
        && await session.Transport.SendAsync(message.Topic, message.Payload, (byte)qos);
}
