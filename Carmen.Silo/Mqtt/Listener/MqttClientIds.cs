namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// Client ids Carmen keeps: MQTT requires servers to take 1 to 23 characters and lets them take more; Carmen takes up
/// to 256 printable characters. An id of control characters (NUL) or of bytes that were not UTF-8 (MQTTnet decodes
/// those to U+FFFD) would end up in logs, metrics and the device's connection details.
/// </summary>
internal static class MqttClientIds
{
    public const int MaxLength = 256;

    /// <summary>Replacement character (bytes that were not UTF-8) and the bidirectional overrides that disguise text.</summary>
    private static readonly System.Buffers.SearchValues<char> s_refused = System.Buffers.SearchValues.Create("\uFFFD\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>True for an empty id (the server assigns one) and for printable ids up to <see cref="MaxLength"/>.</summary>
    public static bool IsAcceptable(string? clientId) =>
        string.IsNullOrEmpty(clientId)
        || (clientId.Length <= MaxLength && !clientId.AsSpan().ContainsAny(s_refused) && !clientId.Any(char.IsControl));
}
