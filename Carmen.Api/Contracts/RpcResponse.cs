using System.Text.Json;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Api.Contracts;

/// <summary>An RPC's state: its id, status, the device's answer once there is one, and when a persistent call expires.</summary>
public sealed record RpcResponse(int Id, string Method, RpcStatus Status, JsonElement? Response, DateTimeOffset? ExpiresAt)
{
    public static RpcResponse From(RpcResult result) => new(
        result.Id, result.Method, result.Status, result.ResponseJson is null ? null : JsonValues.Parse(result.ResponseJson), result.ExpiresAt);
}
