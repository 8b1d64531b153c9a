using System.Globalization;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Devices;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Updates;

/// <summary>Direct assignments (hawkBit's manual assignment) and a device's update actions.</summary>
public static class DeviceActionsApi
{
    public static RouteGroupBuilder MapDeviceActionsApi(this RouteGroupBuilder devices)
    {
        devices.MapPost("/{deviceId}/assignments", AssignAsync).RequirePermission(Permissions.RolloutsManage).WithTags("Software updates")
            .WithSummary("Assigns a distribution set to the device; answers the new action.");
        devices.MapGet("/{deviceId}/actions", ListAsync).RequirePermission(Permissions.DevicesRead).WithTags("Software updates")
            .WithSummary("The device's update actions, newest first, with their feedback history.");
        devices.MapGet("/{deviceId}/actions/{actionId:long}", GetAsync).RequirePermission(Permissions.DevicesRead).WithTags("Software updates");
        devices.MapPost("/{deviceId}/actions/{actionId:long}/cancel", CancelAsync).RequirePermission(Permissions.RolloutsManage).WithTags("Software updates")
            .WithSummary("Asks the device to cancel the action; it is canceled when the device confirms.");
        return devices;
    }

    public static async Task<Created<UpdateActionResponse>> AssignAsync([AsParameters] TenantScope scope, string deviceId, AssignDistributionSetRequest request)
    {
        long setId = request.DistributionSetId ?? throw CarmenException.Invalid("distributionSetId", "Name the distribution set to assign.");
        ActionType type = ParseActionType(request.ActionType);
        DateTimeOffset? forceTime = request.ForceTime is long unixMs ? UnixTimes.FromMilliseconds(unixMs, "forceTime") : null;
        MaintenanceWindow? window = ParseWindow(request.MaintenanceWindow);
        Deployment deployment = await scope.Grains.GetGrain<ISoftwareCatalogGrain>(scope.TenantId).ResolveDeploymentAsync(setId, scope.CancellationToken);
        UpdateAction action = await Device(scope, deviceId).AssignAsync(
            new AssignmentRequest(deployment, type, forceTime, window, ConfirmationRequired: request.ConfirmationRequired), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/devices/{deviceId}/actions/{action.Id}", UpdateActionResponse.From(action));
    }

    public static async Task<Ok<IReadOnlyList<UpdateActionResponse>>> ListAsync([AsParameters] TenantScope scope, string deviceId) =>
        TypedResults.Ok<IReadOnlyList<UpdateActionResponse>>([.. (await Device(scope, deviceId).GetActionsAsync(scope.CancellationToken)).Select(UpdateActionResponse.From)]);

    public static async Task<Ok<UpdateActionResponse>> GetAsync([AsParameters] TenantScope scope, string deviceId, long actionId) =>
        TypedResults.Ok(UpdateActionResponse.From(await Device(scope, deviceId).GetActionAsync(actionId, scope.CancellationToken)));

    public static async Task<Ok<UpdateActionResponse>> CancelAsync([AsParameters] TenantScope scope, string deviceId, long actionId) =>
        TypedResults.Ok(UpdateActionResponse.From(await Device(scope, deviceId).CancelActionAsync(actionId, scope.CancellationToken)));

    public static ActionType ParseActionType(string? value) => value?.ToLowerInvariant() switch
    {
        null or "forced" => ActionType.Forced,
        "soft" => ActionType.Soft,
        "timeforced" => ActionType.TimeForced,
        "downloadonly" => ActionType.DownloadOnly,
        _ => throw CarmenException.Invalid("actionType", "actionType is forced, soft, timeForced or downloadOnly."),
    };

    public static MaintenanceWindow? ParseWindow(MaintenanceWindowContract? window)
    {
        if (window is null)
        {
            return null;
        }

        return TimeSpan.TryParse(window.Duration, CultureInfo.InvariantCulture, out TimeSpan duration)
            ? new MaintenanceWindow(window.Schedule ?? "", duration, window.TimeZone ?? "UTC")
            : throw CarmenException.Invalid("maintenanceWindow.duration", "duration is \"HH:MM:SS\" (for example \"02:00:00\").");
    }

    private static IUpdatableDeviceGrain Device(TenantScope scope, string deviceId) => DevicesApi.Device<IUpdatableDeviceGrain>(scope, deviceId);
}
