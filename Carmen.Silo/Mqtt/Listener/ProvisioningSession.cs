using System.Net;
using Carmen.Silo.Mqtt.Protocol;
using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// A connection with the username "provision" (ThingsBoard's convention): no device yet, only the provisioning
/// topics. The device subscribes to the answer, sends its request, and connects again with the credentials it got.
/// </summary>
internal sealed class ProvisioningSession(string clientId, IPAddress? address, MqttConnection transport)
{
    public const string Username = "provision";

    public const string RequestTopic = "/provision/request";

    public const string ResponseTopic = "/provision/response";

    public string ClientId => clientId;

    public IPAddress? Address => address;

    public MqttConnection Transport => transport;

    /// <summary>The QoS the device subscribed to the answer at, or null until it has.</summary>
    public MqttQualityOfServiceLevel? ResponseQos { get; set; }
}
