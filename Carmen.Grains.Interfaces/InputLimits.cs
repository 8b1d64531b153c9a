namespace Carmen.Grains.Interfaces;

/// <summary>
/// One set of limits on what devices and operators may send, enforced on every path (MQTT, DDI, REST) and named in
/// the errors that refuse it: a value beyond them is refused whole, never truncated.
/// </summary>
public static class InputLimits
{
    /// <summary>How deep a JSON document may nest: parsers and every walk over a document recurse that deep.</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>The longest telemetry or attribute key, in characters.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>The largest attribute value (its JSON text, in UTF-16 code units), as large as an MQTT payload may be by default.</summary>
    public const int MaxAttributeValueLength = 64 * 1024;

    /// <summary>How many attributes a device holds in each scope (client, shared, server).</summary>
    public const int MaxAttributesPerScope = 256;

    /// <summary>The largest RPC parameters (their JSON text, in UTF-16 code units).</summary>
    public const int MaxRpcParamsLength = 64 * 1024;
}
