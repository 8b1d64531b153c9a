using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

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

    public MqttServer? Server { get; set; }

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

    /// <summary>Closes a device's connection, telling an MQTT 5 device why; nothing when it is already gone.</summary>
    public async Task CloseAsync(string clientId, DeviceCloseReason reason)
    {
        if (Server is not MqttServer server)
        {
            return;
        }

        MqttDisconnectReasonCode code = reason == DeviceCloseReason.SessionTakenOver ? MqttDisconnectReasonCode.SessionTakenOver : MqttDisconnectReasonCode.NotAuthorized;
        try
        {
            await server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = code });
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Queues a message to the device if it subscribed to the topic; false when it did not or is gone.</summary>
    public async Task<bool> DeliverAsync(DeviceSession session, DeviceMessage message)
    {
        if (Server is not MqttServer server
            || DeviceSubscriptions.ForOutbound(message.Topic) is not DeviceSubscription subscription
            || session.SubscribedAt(subscription) is not { } qos
            || await server.GetSessionAsync(session.ClientId) is not MqttSessionStatus mqttSession
            || ByClientId(session.ClientId) != session)
        {
            return false;
        }

        return Enqueue(mqttSession, message, qos);
    }

    /// <summary>Queues a message to the connection of <paramref name="clientId"/> whoever it is (a provisioning device); false when it is gone.</summary>
    public async Task<bool> SendToClientAsync(string clientId, DeviceMessage message, MqttQualityOfServiceLevel qos) =>
        Server is MqttServer server && await server.GetSessionAsync(clientId) is MqttSessionStatus session && Enqueue(session, message, qos);

    private static bool Enqueue(MqttSessionStatus session, DeviceMessage message, MqttQualityOfServiceLevel qos)
    {
        MqttApplicationMessage publish = new MqttApplicationMessageBuilder()
            .WithTopic(message.Topic)
            .WithPayload(message.Payload)
            .WithQualityOfServiceLevel(qos > MqttQualityOfServiceLevel.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : qos)
            .Build();
        return session.TryEnqueueApplicationMessage(publish, out _);
    }
}
