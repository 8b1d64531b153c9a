using System.Globalization;

namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// ThingsBoard's firmware download over MQTT: the device asks for chunk n of its firmware on
/// <c>v2/fw/request/{requestId}/chunk/{n}</c> (payload: the chunk size in bytes) and receives the bytes on
/// <c>v2/fw/response/{requestId}/chunk/{n}</c>, an empty payload past the end.
/// </summary>
public static class FirmwareTopics
{
    /// <summary>Chunk requests start so.</summary>
    public const string RequestPrefix = "v2/fw/request/";

    /// <summary>Chunks go out on topics that start so.</summary>
    public const string ResponsePrefix = "v2/fw/response/";

    /// <summary>The request id and chunk index of a chunk request topic, or null when the topic is not one.</summary>
    public static (string RequestId, int Chunk)? ParseRequest(string topic)
    {
        if (!topic.StartsWith(RequestPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string[] parts = topic[RequestPrefix.Length..].Split('/');
        return parts is [{ Length: > 0 } requestId, "chunk", string chunk]
            && !requestId.AsSpan().ContainsAny("+#")
            && int.TryParse(chunk, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            ? (requestId, index)
            : null;
    }

    /// <summary>The topic chunk <paramref name="chunk"/> of request <paramref name="requestId"/> goes out on.</summary>
    public static string Response(string requestId, int chunk) => $"{ResponsePrefix}{requestId}/chunk/{chunk.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Whether a subscription filter is for chunk answers: <c>v2/fw/response/+/chunk/+</c>, or with a concrete request id or index.</summary>
    public static bool IsResponseFilter(string filter) =>
        filter.StartsWith(ResponsePrefix, StringComparison.Ordinal)
        && filter[ResponsePrefix.Length..].Split('/') is [{ Length: > 0 } requestId, "chunk", { Length: > 0 } chunk]
        && (requestId == "+" || !requestId.AsSpan().ContainsAny("+#"))
        && (chunk == "+" || chunk.All(char.IsAsciiDigit));
}
