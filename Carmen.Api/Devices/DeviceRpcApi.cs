using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Devices;

/// <summary>
/// Server-side RPC: the answer of a two-way call is the response body (504 when the device does not answer in time,
/// 409 when it is offline or not subscribed); a one-way call answers once it is sent; a persistent one answers 202
/// at once, to be followed at its Location.
/// </summary>
public static class DeviceRpcApi
{
    public const int DefaultTimeoutMs = 10_000;
    public const int MaxTimeoutMs = 25_000;
    private static readonly TimeSpan s_defaultExpiry = TimeSpan.FromDays(1);
    private static readonly TimeSpan s_maxExpiry = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapDeviceRpcApi(this RouteGroupBuilder devices)
    {
        devices.MapPost("/{deviceId}/rpc", CallAsync).RequirePermission(Permissions.DevicesWrite)
            .WithSummary("Calls a method on the device over MQTT (v1/devices/me/rpc/request/{id}).");
        devices.MapGet("/{deviceId}/rpc/{rpcId:int}", GetAsync).RequirePermission(Permissions.DevicesRead)
            .WithSummary("A persistent RPC's status and the device's answer.");
        return devices;
    }

    public static async Task<Results<Accepted<RpcResponse>, Ok<RpcResponse>, ContentHttpResult, ProblemHttpResult>> CallAsync([AsParameters] TenantScope scope, string deviceId, RpcRequest request, TimeProvider time)
    {
        RpcCall call = Validate(request, time.GetUtcNow());
        int timeoutMs = request.TimeoutMs ?? DefaultTimeoutMs;
        IRpcDeviceGrain device = DevicesApi.Device<IRpcDeviceGrain>(scope, deviceId);
        RpcResult sent = await device.CallAsync(call, scope.CancellationToken);
        string location = $"/api/v1/tenants/{scope.TenantId}/devices/{deviceId}/rpc/{sent.Id}";
        if (call.Persistent)
        {
            return TypedResults.Accepted(location, RpcResponse.From(sent));
        }

        switch (sent.Status)
        {
            case RpcStatus.Offline:
                throw CarmenException.Conflict($"Device '{deviceId}' is offline; send the call with \"persistent\": true to queue it until it connects.");
            case RpcStatus.NotSubscribed:
                throw CarmenException.Conflict($"Device '{deviceId}' is connected but has not subscribed to v1/devices/me/rpc/request/+.");
            case RpcStatus.Sent when call.OneWay:
                return TypedResults.Ok(RpcResponse.From(sent));
        }

        RpcResult answered = await device.AwaitRpcAsync(sent.Id, TimeSpan.FromMilliseconds(timeoutMs), scope.CancellationToken);
        return answered.Status == RpcStatus.Successful
            ? TypedResults.Text(answered.ResponseJson!, "application/json")
            : TypedResults.Problem(
                statusCode: StatusCodes.Status504GatewayTimeout, title: "The device did not answer in time.",
                detail: $"Device '{deviceId}' did not answer RPC {sent.Id} ({call.Method}) within {timeoutMs} ms.");
    }

    public static async Task<Ok<RpcResponse>> GetAsync([AsParameters] TenantScope scope, string deviceId, int rpcId) =>
        TypedResults.Ok(RpcResponse.From(await DevicesApi.Device<IRpcDeviceGrain>(scope, deviceId).GetRpcAsync(rpcId, scope.CancellationToken)));

    private static RpcCall Validate(RpcRequest request, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Method) || request.Method.Length > 255)
        {
            throw CarmenException.Invalid("method", "An RPC names its method: 1 to 255 characters.");
        }

        if (request.TimeoutMs is < 100 or > MaxTimeoutMs)
        {
            throw CarmenException.Invalid("timeoutMs", $"timeoutMs is 100 to {MaxTimeoutMs} milliseconds.");
        }

        DateTimeOffset expiresAt = request.ExpirationTime switch
        {
            null => now + s_defaultExpiry,
            long expiration when expiration > 0 && expiration <= (now + s_maxExpiry).ToUnixTimeMilliseconds() => DateTimeOffset.FromUnixTimeMilliseconds(expiration),
            _ => DateTimeOffset.MaxValue, // a time no DateTimeOffset holds (2^63-1, say) is as far beyond the limit as it gets
        };
        if (request.Persistent == true && (expiresAt <= now || expiresAt > now + s_maxExpiry))
        {
            throw CarmenException.Invalid("expirationTime", $"expirationTime is a Unix time in milliseconds, in the future and at most {s_maxExpiry.TotalDays} days ahead.");
        }

        string parameters = request.Params is JsonElement given && given.ValueKind != JsonValueKind.Undefined ? given.GetRawText() : "{}";
        if (parameters.Length > InputLimits.MaxRpcParamsLength)
        {
            throw CarmenException.Invalid("params", $"RPC params are at most {InputLimits.MaxRpcParamsLength} characters of JSON; these have {parameters.Length}.");
        }
        return new RpcCall(request.Method, parameters, request.Oneway == true, request.Persistent == true, expiresAt);
    }
}
