using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Mqtt.DeviceApi;
using Carmen.Silo.Mqtt.Protocol;
using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// One authenticated device connection on this silo: which device it is, and which of the device API's topics it has
/// subscribed to (with the QoS granted), since Carmen delivers to the connection directly rather than through the
/// broker's topic routing.
/// </summary>
internal sealed class DeviceSession(
    DeviceKey device, string clientId, string credentialStamp, IConnectedDeviceGrain grain, DeviceRates rates, MqttConnection transport, DeviceSessions sessions)
    : IDeviceEndpoint
{
    private readonly MqttQualityOfServiceLevel?[] _subscriptions = new MqttQualityOfServiceLevel?[Enum.GetValues<DeviceSubscription>().Length];
    private GatewayConnection? _gateway;

    public DeviceKey Device { get; } = device;

    public string ClientId { get; } = clientId;

    /// <summary>The credentials the connection was accepted with (a token's hash, or a stamp of basic credentials), checked again when it registers with the grain.</summary>
    public string CredentialStamp { get; } = credentialStamp;

    /// <summary>When the CONNECT was accepted; orders racing connections of one device.</summary>
    public DateTimeOffset AcceptedAt { get; init; }

    public string ConnectionId { get; } = Guid.NewGuid().ToString("N");

    public IConnectedDeviceGrain Grain { get; } = grain;

    public DeviceRates Rates { get; } = rates;

    /// <summary>The MQTT connection the device is on.</summary>
    public MqttConnection Transport { get; } = transport;

    /// <summary>The connection as its grain registered it (set once the connection is up); a gateway's children go online through a copy of it.</summary>
    public DeviceConnection? Connection { get; set; }

    /// <summary>Whether the device is a gateway, once asked (at its first gateway message or subscription).</summary>
    public bool? IsGateway { get; set; }

    /// <summary>The children the connection carries, when the device is a gateway that has used the gateway API.</summary>
    public GatewayConnection? Gateway => _gateway;

    public async Task ReplyAsync(DeviceMessage message) => await sessions.DeliverAsync(this, message);

    /// <summary>Closes the device's connection, telling an MQTT 5 device why; nothing when it is already closing.</summary>
    public Task CloseAsync(DeviceCloseReason reason) =>
        Transport.CloseAsync((byte)(reason == DeviceCloseReason.SessionTakenOver ? MqttDisconnectReasonCode.SessionTakenOver : MqttDisconnectReasonCode.NotAuthorized));

    /// <summary>The connection's gateway side, made by <paramref name="make"/> the first time.</summary>
    public GatewayConnection BecomeGateway(Func<DeviceSession, GatewayConnection> make)
    {
        Interlocked.CompareExchange(ref _gateway, make(this), null);
        return _gateway;
    }

    public void Subscribe(DeviceSubscription subscription, MqttQualityOfServiceLevel qos)
    {
        lock (_subscriptions)
        {
            _subscriptions[(int)subscription] = qos > MqttQualityOfServiceLevel.AtLeastOnce ? MqttQualityOfServiceLevel.AtLeastOnce : qos;
        }
    }

    public void Unsubscribe(DeviceSubscription subscription)
    {
        lock (_subscriptions)
        {
            _subscriptions[(int)subscription] = null;
        }
    }

    /// <summary>The QoS to deliver at, or null when the device has not subscribed.</summary>
    public MqttQualityOfServiceLevel? SubscribedAt(DeviceSubscription subscription)
    {
        lock (_subscriptions)
        {
            return _subscriptions[(int)subscription];
        }
    }
}
