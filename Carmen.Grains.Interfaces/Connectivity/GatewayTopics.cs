namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// ThingsBoard's gateway API: a gateway device publishes on these topics for the devices behind it (its children,
/// named in each payload) and receives their shared attributes and RPCs on them.
/// </summary>
public static class GatewayTopics
{
    /// <summary>Every gateway topic starts so.</summary>
    public const string Prefix = "v1/gateway/";

    /// <summary>A child is connected to the gateway: <c>{"device","type"?}</c>.</summary>
    public const string Connect = "v1/gateway/connect";

    /// <summary>A child is no longer connected: <c>{"device"}</c>.</summary>
    public const string Disconnect = "v1/gateway/disconnect";

    /// <summary>Children's telemetry: <c>{"Child A":[{"ts","values"}|{...}],...}</c>.</summary>
    public const string Telemetry = "v1/gateway/telemetry";

    /// <summary>Children's client attributes from the gateway (<c>{"Child A":{...}}</c>); shared attribute updates to it (<c>{"device","data"}</c>).</summary>
    public const string Attributes = "v1/gateway/attributes";

    /// <summary>A child's attribute request: <c>{"id","device","client"?,"key"|"keys"|...}</c>.</summary>
    public const string AttributeRequest = "v1/gateway/attributes/request";

    /// <summary>Answers to attribute requests: <c>{"id","device","value"|"values"|...}</c>.</summary>
    public const string AttributeResponse = "v1/gateway/attributes/response";

    /// <summary>Server-side RPC to a child (<c>{"device","data":{"id","method","params"}}</c>) and its answer (<c>{"device","id","data"}</c>).</summary>
    public const string Rpc = "v1/gateway/rpc";

    /// <summary>Children made claimable: <c>{"Child A":{"secretKey","durationMs"}}</c>.</summary>
    public const string Claim = "v1/gateway/claim";
}
