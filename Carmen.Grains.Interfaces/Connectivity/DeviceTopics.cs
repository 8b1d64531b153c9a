namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>ThingsBoard's device API topics, as a device sees them: "me" is always the connected device itself.</summary>
public static class DeviceTopics
{
    /// <summary>Telemetry from the device.</summary>
    public const string Telemetry = "v1/devices/me/telemetry";

    /// <summary>Client attributes from the device; shared attribute updates to it.</summary>
    public const string Attributes = "v1/devices/me/attributes";

    /// <summary>Attribute requests from the device: {prefix}{requestId}.</summary>
    public const string AttributeRequestPrefix = "v1/devices/me/attributes/request/";

    /// <summary>Answers to attribute requests: {prefix}{requestId}.</summary>
    public const string AttributeResponsePrefix = "v1/devices/me/attributes/response/";

    /// <summary>RPC requests, to the device (server-side RPC) or from it (client-side RPC): {prefix}{requestId}.</summary>
    public const string RpcRequestPrefix = "v1/devices/me/rpc/request/";

    /// <summary>RPC answers, from the device or to it: {prefix}{requestId}.</summary>
    public const string RpcResponsePrefix = "v1/devices/me/rpc/response/";

    /// <summary>The device makes itself claimable: <c>{"secretKey","durationMs"}</c>.</summary>
    public const string Claim = "v1/devices/me/claim";

    /// <summary>
    /// Carmen's own (not ThingsBoard's): update actions pushed to the device, one message per change of its current
    /// action, as JSON {"id","status","download","update","maintenanceWindow","distributionSet","chunks"}.
    /// </summary>
    public const string UpdateAction = "v1/devices/me/ota/action";

    /// <summary>
    /// Carmen's own: certificate renewal by a device signed in with its current certificate, {prefix}{requestId} with a
    /// PKCS#10 CSR (PEM) as the payload; answered on <see cref="CertificateResponsePrefix"/>.
    /// </summary>
    public const string CertificateRequestPrefix = "v1/devices/me/certificate/request/";

    /// <summary>Carmen's own: the renewed certificate, {"serialNumber","certificate","chain","notAfter"}, or {"error"}: {prefix}{requestId}.</summary>
    public const string CertificateResponsePrefix = "v1/devices/me/certificate/response/";

    /// <summary>Carmen's own: the device's feedback on an action, {"actionId","execution","result","progress"?,"details"?} as in DDI.</summary>
    public const string UpdateFeedback = "v1/devices/me/ota/feedback";
}
