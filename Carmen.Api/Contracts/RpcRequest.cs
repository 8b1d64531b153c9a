using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>
/// A server-side RPC, as ThingsBoard takes it: method and params; timeoutMs for a two-way answer (default 10,000);
/// oneway to not wait; persistent to queue it until the device takes it, up to expirationTime (Unix ms; default a day).
/// </summary>
public sealed record RpcRequest(string? Method, JsonElement? Params, int? TimeoutMs, bool? Oneway, bool? Persistent, long? ExpirationTime);
