using System.Text.Json;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Calls devices make to the platform (ThingsBoard's client-side RPC), answered by the silo holding the connection.
/// getCurrentTime answers the server's Unix time in milliseconds, for devices without a clock; an unknown method
/// gets an error object naming it.
/// </summary>
internal static class ClientSideRpc
{
    public static byte[] Answer((string Method, string ParamsJson) request, TimeProvider time) => request.Method switch
    {
        "getCurrentTime" => JsonSerializer.SerializeToUtf8Bytes(time.GetUtcNow().ToUnixTimeMilliseconds()),
        _ => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = $"Unknown RPC method '{request.Method}'." }),
    };
}
