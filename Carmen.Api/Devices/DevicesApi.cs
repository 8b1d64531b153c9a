using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Api.Updates;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Devices;

public static class DevicesApi
{
    public static RouteGroupBuilder MapDevicesApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder devices = tenant.MapGroup("/devices").WithTags("Devices");
        devices.MapGet("/", DeviceSearch.ListAsync).RequirePermissionAnywhere(Permissions.DevicesRead)
            .WithSummary("Lists devices from the query index, filtered, sorted and paged with continuation tokens.");
        devices.MapPost("/", RegisterAsync).RequirePermissionAnywhere(Permissions.DevicesWrite)
            .WithSummary("Registers a device; the answer carries its access token, which is never shown again.");
        devices.MapPost("/claim", ClaimAsync).RequirePermissionAnywhere(Permissions.DevicesWrite)
            .WithSummary("Claims a device that made itself claimable (v1/devices/me/claim), by its name and secret, into a cluster.");
        devices.MapGet("/{deviceId}", GetAsync).RequirePermission(Permissions.DevicesRead);
        devices.MapPatch("/{deviceId}", UpdateAsync).RequirePermission(Permissions.DevicesWrite)
            .WithSummary("Changes name, type, labels, cluster, quarantine, or whether the device is a gateway.");
        devices.MapDelete("/{deviceId}", DecommissionAsync).RequirePermission(Permissions.DevicesWrite)
            .WithSummary("Decommissions the device (credentials revoked, record kept); with ?purge=true erases a decommissioned device.");
        devices.MapPost("/{deviceId}/credentials/rotate", RotateCredentialsAsync).RequirePermission(Permissions.DevicesCredentials);
        devices.MapPut("/{deviceId}/credentials", SetCredentialsAsync).RequirePermission(Permissions.DevicesCredentials)
            .WithSummary("Replaces the device's credentials: an access token, or MQTT basic credentials (client id and/or username, optional password).");
        devices.MapPut("/{deviceId}/attributes/shared", ReplaceSharedAttributesAsync).RequirePermission(Permissions.DevicesWrite);
        devices.MapPut("/{deviceId}/attributes/server", ReplaceServerAttributesAsync).RequirePermission(Permissions.DevicesWrite);
        devices.MapDeviceImportsApi();
        devices.MapDeviceConnectivityApi();
        devices.MapDeviceRpcApi();
        devices.MapDeviceActionsApi();
        devices.MapTelemetryHistoryApi();
        return tenant;
    }

    public static async Task<Created<DeviceResponse>> RegisterAsync([AsParameters] TenantScope scope, CreateDeviceRequest request)
    {
        scope.Access.RequireDeviceWriteIn(request.ClusterId, "clusterId");
        if (request.GatewayId is string gatewayId
            && !await scope.Grains.GetGrain<IGatewayDeviceGrain>(new DeviceKey(scope.TenantId, gatewayId).ToString()).IsGatewayAsync(scope.CancellationToken))
        {
            throw CarmenException.Invalid("gatewayId", $"Tenant '{scope.TenantId}' has no gateway '{gatewayId}'.");
        }

        IReadOnlyList<DeviceRegistrationOutcome> outcomes = await scope.Grains.GetGrain<IDeviceRegistrarGrain>(0)
            .RegisterAsync(scope.TenantId, [request.ToDraft()], $"api:{Guid.NewGuid():N}", 0, scope.CancellationToken);
        DeviceRegistration registration = outcomes[0].Registration ?? throw Refusal(outcomes[0].Errors[0]);
        DeviceResponse device = await RespondAsync(scope, registration.Device, registration.AccessToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/devices/{device.Id}", device);
    }

    public static async Task<Ok<DeviceResponse>> ClaimAsync([AsParameters] TenantScope scope, ClaimDeviceRequest request)
    {
        string name = request.DeviceName?.Trim() is { } given && DeviceNames.IsValidName(given)
            ? given
            : throw CarmenException.Invalid("deviceName", $"The device's name is 1 to {DeviceNames.MaxNameLength} characters.");
        string clusterId = request.ClusterId ?? throw CarmenException.Invalid("clusterId", "The cluster to claim the device into is required.");
        scope.Access.RequireDeviceWriteIn(clusterId, "clusterId");
        IClaimableDeviceGrain device = scope.Grains.GetGrain<IClaimableDeviceGrain>(new DeviceKey(scope.TenantId, DeviceNames.IdOf(name)).ToString());
        return TypedResults.Ok(await RespondAsync(scope, await device.ClaimAsync(request.SecretKey ?? "", clusterId, scope.CancellationToken)));
    }

    public static async Task<Ok<DeviceResponse>> GetAsync([AsParameters] TenantScope scope, string deviceId) =>
        TypedResults.Ok(await RespondAsync(scope, await Device(scope, deviceId).GetAsync(scope.CancellationToken)));

    public static async Task<Ok<DeviceResponse>> UpdateAsync([AsParameters] TenantScope scope, string deviceId, UpdateDeviceRequest request)
    {
        scope.Access.RequireDeviceWriteIn(request.ClusterId, "clusterId"); // moving it: the cluster it goes to too
        var update = new DeviceUpdate(request.Name, request.Type, request.Labels, request.ClusterId, request.Quarantined, request.Gateway);
        return TypedResults.Ok(await RespondAsync(scope, await Device(scope, deviceId).UpdateAsync(update, scope.CancellationToken)));
    }

    public static async Task<Results<Ok<DeviceResponse>, NoContent>> DecommissionAsync([AsParameters] TenantScope scope, string deviceId, bool? purge)
    {
        if (purge == true)
        {
            await Device(scope, deviceId).PurgeAsync(scope.CancellationToken);
            return TypedResults.NoContent();
        }

        return TypedResults.Ok(await RespondAsync(scope, await Device(scope, deviceId).DecommissionAsync(scope.CancellationToken)));
    }

    public static async Task<Ok<DeviceResponse>> RotateCredentialsAsync([AsParameters] TenantScope scope, string deviceId, RotateCredentialsRequest? request)
    {
        DeviceRegistration rotated = await Device(scope, deviceId).RotateCredentialsAsync(request?.AccessToken, scope.CancellationToken);
        return TypedResults.Ok(await RespondAsync(scope, rotated.Device, rotated.AccessToken));
    }

    public static async Task<Ok<DeviceResponse>> SetCredentialsAsync([AsParameters] TenantScope scope, string deviceId, SetCredentialsRequest request)
    {
        switch (request.Type)
        {
            case "accessToken":
                DeviceRegistration rotated = await Device(scope, deviceId).RotateCredentialsAsync(request.AccessToken, scope.CancellationToken);
                return TypedResults.Ok(await RespondAsync(scope, rotated.Device, rotated.AccessToken));
            case "mqttBasic":
                var basic = new MqttBasicCredentials(request.ClientId, request.Username, request.Password);
                return TypedResults.Ok(await RespondAsync(scope, await Device(scope, deviceId).SetBasicCredentialsAsync(basic, scope.CancellationToken)));
            default:
                throw CarmenException.Invalid("type", "Credentials are of type \"accessToken\" or \"mqttBasic\".");
        }
    }

    public static async Task<Ok<DeviceResponse>> ReplaceSharedAttributesAsync([AsParameters] TenantScope scope, string deviceId, JsonElement attributes) =>
        TypedResults.Ok(await RespondAsync(scope, await Device(scope, deviceId).ReplaceSharedAttributesAsync(ValidAttributes(attributes), scope.CancellationToken)));

    public static async Task<Ok<DeviceResponse>> ReplaceServerAttributesAsync([AsParameters] TenantScope scope, string deviceId, JsonElement attributes) =>
        TypedResults.Ok(await RespondAsync(scope, await Device(scope, deviceId).ReplaceServerAttributesAsync(ValidAttributes(attributes), scope.CancellationToken)));

    /// <summary>The device grain for a route's device id; a malformed id cannot name a device, so it is simply not found.</summary>
    public static IDeviceGrain Device(TenantScope scope, string deviceId) => Device<IDeviceGrain>(scope, deviceId);

    /// <summary>One side (management, connectivity) of the route's device grain.</summary>
    public static T Device<T>(TenantScope scope, string deviceId) where T : IGrainWithStringKey =>
        Identifiers.IsValidDeviceId(deviceId)
            ? scope.Grain<T>(new DeviceKey(scope.TenantId, deviceId).ToString())
            : throw CarmenException.NotFound($"Device '{deviceId}' does not exist.");

    public static CarmenException Refusal(RowError error) => new(error.Kind, error.Message, error.Field) { Entitlement = error.Entitlement };

    private static async Task<DeviceResponse> RespondAsync(TenantScope scope, DeviceInfo device, string? accessToken = null)
    {
        ClusterDirectory clusters = await ClusterDirectory.LoadAsync(scope.Tenant, scope.CancellationToken);
        return DeviceResponse.From(device, clusters.BusinessUnitOf(device.ClusterId), accessToken);
    }

    /// <summary>The body's attributes as JSON texts; the device grain checks their count and sizes against <see cref="InputLimits"/>.</summary>
    private static Dictionary<string, string> ValidAttributes(JsonElement attributes) =>
        attributes.ValueKind == JsonValueKind.Object
            ? AttributeJson.ToTexts(attributes)
            : throw CarmenException.Invalid("body", "Attributes are a JSON object of key to value.");
}
