using System.Net;
using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// A connection with the username "provision" (ThingsBoard's convention): no device yet, only the provisioning
/// topics. The device subscribes to the answer, sends its request, and connects again with the credentials it got.
/// </summary>
internal sealed class ProvisioningSession(string clientId, IPAddress? address)
{
    public const string Username = "provision";

    public const string RequestTopic = "/provision/request";

    public const string ResponseTopic = "/provision/response";

    internal const string SessionItem = "carmen.provisioning";

    public string ClientId => clientId;

    public IPAddress? Address => address;

    /// <summary>The QoS the device subscribed to the answer at, or null until it has.</summary>
    public MqttQualityOfServiceLevel? ResponseQos { get; set; }
}
