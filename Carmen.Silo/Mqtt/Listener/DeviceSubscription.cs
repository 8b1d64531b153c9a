using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>The topics a device may subscribe to: its own slice of the ThingsBoard device API, and a gateway's of the gateway API.</summary>
internal enum DeviceSubscription
{
    SharedAttributes,
    AttributeResponses,
    RpcRequests,
    RpcResponses,
    UpdateActions,
    GatewayAttributes,
    GatewayAttributeResponses,
    GatewayRpc,
    FirmwareChunks,
    CertificateResponses,
}

internal static class DeviceSubscriptions
{
    /// <summary>
    /// Which subscription a topic filter is: the exact topic, the prefix with "+", or the prefix with one concrete
    /// request id. Null for anything else, wildcards elsewhere included.
    /// </summary>
    public static DeviceSubscription? Classify(string filter) => filter switch
    {
        DeviceTopics.Attributes => DeviceSubscription.SharedAttributes,
        DeviceTopics.UpdateAction => DeviceSubscription.UpdateActions,
        GatewayTopics.Attributes => DeviceSubscription.GatewayAttributes,
        GatewayTopics.AttributeResponse => DeviceSubscription.GatewayAttributeResponses,
        GatewayTopics.Rpc => DeviceSubscription.GatewayRpc,
        _ when FirmwareTopics.IsResponseFilter(filter) => DeviceSubscription.FirmwareChunks,
        _ when IsPerRequest(filter, DeviceTopics.AttributeResponsePrefix) => DeviceSubscription.AttributeResponses,
        _ when IsPerRequest(filter, DeviceTopics.RpcRequestPrefix) => DeviceSubscription.RpcRequests,
        _ when IsPerRequest(filter, DeviceTopics.RpcResponsePrefix) => DeviceSubscription.RpcResponses,
        _ when IsPerRequest(filter, DeviceTopics.CertificateResponsePrefix) => DeviceSubscription.CertificateResponses,
        _ => null,
    };

    /// <summary>The subscription a topic the platform publishes to a device needs.</summary>
    public static DeviceSubscription? ForOutbound(string topic) => topic switch
    {
        DeviceTopics.Attributes => DeviceSubscription.SharedAttributes,
        DeviceTopics.UpdateAction => DeviceSubscription.UpdateActions,
        GatewayTopics.Attributes => DeviceSubscription.GatewayAttributes,
        GatewayTopics.AttributeResponse => DeviceSubscription.GatewayAttributeResponses,
        GatewayTopics.Rpc => DeviceSubscription.GatewayRpc,
        _ when topic.StartsWith(FirmwareTopics.ResponsePrefix, StringComparison.Ordinal) => DeviceSubscription.FirmwareChunks,
        _ when topic.StartsWith(DeviceTopics.AttributeResponsePrefix, StringComparison.Ordinal) => DeviceSubscription.AttributeResponses,
        _ when topic.StartsWith(DeviceTopics.RpcRequestPrefix, StringComparison.Ordinal) => DeviceSubscription.RpcRequests,
        _ when topic.StartsWith(DeviceTopics.RpcResponsePrefix, StringComparison.Ordinal) => DeviceSubscription.RpcResponses,
        _ when topic.StartsWith(DeviceTopics.CertificateResponsePrefix, StringComparison.Ordinal) => DeviceSubscription.CertificateResponses,
        _ => null,
    };

    /// <summary>Whether the subscription is to the gateway API, which only a gateway may use.</summary>
    public static bool IsGatewayApi(DeviceSubscription subscription) =>
        subscription is DeviceSubscription.GatewayAttributes or DeviceSubscription.GatewayAttributeResponses or DeviceSubscription.GatewayRpc;

    private static bool IsPerRequest(string filter, string prefix) =>
        filter.StartsWith(prefix, StringComparison.Ordinal)
        && filter.Length > prefix.Length
        && (filter[prefix.Length..] == "+" || filter[prefix.Length..].All(c => c is not ('/' or '+' or '#')));
}
