namespace Carmen.EdgeAgent.Connection;

/// <summary>
/// The ThingsBoard-compatible device API Carmen serves, plus Carmen's OTA topics. The wire names again rather than a
/// reference to Carmen.Grains.Interfaces: the agent must not pull Orleans into a small AOT binary.
/// </summary>
public static class DeviceTopics
{
    public const string Telemetry = "v1/devices/me/telemetry";
    public const string Attributes = "v1/devices/me/attributes";
    public const string AttributesRequest = "v1/devices/me/attributes/request/";
    public const string AttributesResponse = "v1/devices/me/attributes/response/+";
    public const string RpcRequest = "v1/devices/me/rpc/request/+";
    public const string RpcResponse = "v1/devices/me/rpc/response/";
    public const string OtaAction = "v1/devices/me/ota/action";
    public const string OtaFeedback = "v1/devices/me/ota/feedback";
    public const string CertificateRequest = "v1/devices/me/certificate/request/";
    public const string CertificateResponse = "v1/devices/me/certificate/response/+";
}
