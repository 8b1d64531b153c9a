using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Devices;

/// <summary>What a device reported over MQTT, and how its connection is doing.</summary>
public static class DeviceConnectivityApi
{
    public static RouteGroupBuilder MapDeviceConnectivityApi(this RouteGroupBuilder devices)
    {
        devices.MapGet("/{deviceId}/telemetry/latest", GetLatestTelemetryAsync).RequirePermission(Permissions.DevicesRead)
            .WithSummary("The latest value and time of each telemetry key, or of the keys given as ?keys=a,b.");
        devices.MapGet("/{deviceId}/attributes", GetAttributesAsync).RequirePermission(Permissions.DevicesRead)
            .WithSummary("Client, shared and server attributes.");
        devices.MapGet("/{deviceId}/diagnostics", GetDiagnosticsAsync).RequirePermission(Permissions.DevicesRead)
            .WithSummary("Connection, message counters and the messages recently refused from the device.");
        return devices;
    }

    public static async Task<Ok<Dictionary<string, LatestTelemetryValue>>> GetLatestTelemetryAsync([AsParameters] TenantScope scope, string deviceId, string? keys)
    {
        IReadOnlyList<string>? selected = keys?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IReadOnlyDictionary<string, TimestampedValue> latest = await Device(scope, deviceId).GetLatestTelemetryAsync(selected, scope.CancellationToken);
        return TypedResults.Ok(LatestTelemetryValue.From(latest));
    }

    public static async Task<Ok<DeviceAttributesResponse>> GetAttributesAsync([AsParameters] TenantScope scope, string deviceId)
    {
        AttributeSnapshot attributes = await Device(scope, deviceId).GetAttributesAsync(cancellationToken: scope.CancellationToken);
        return TypedResults.Ok(new DeviceAttributesResponse(Values(attributes.Client), Values(attributes.Shared), Values(attributes.Server)));
    }

    public static async Task<Ok<DeviceDiagnosticsResponse>> GetDiagnosticsAsync([AsParameters] TenantScope scope, string deviceId) =>
        TypedResults.Ok(DeviceDiagnosticsResponse.From(await Device(scope, deviceId).GetDiagnosticsAsync(scope.CancellationToken)));

    /// <summary>The connectivity side of the route's device.</summary>
    internal static IConnectedDeviceGrain Device(TenantScope scope, string deviceId) => DevicesApi.Device<IConnectedDeviceGrain>(scope, deviceId);

    private static Dictionary<string, JsonElement> Values(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(pair => pair.Key, pair => JsonValues.Parse(pair.Value));
}
