using System.Globalization;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Updates;

/// <summary>The tenant's settings for hawkBit DDI clients.</summary>
public static class DdiSettingsApi
{
    public static RouteGroupBuilder MapDdiSettingsApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/ddi-settings", GetAsync).RequirePermissionAnywhere(Permissions.DevicesRead).WithTags("Software updates");
        tenant.MapPut("/ddi-settings", UpdateAsync).RequirePermission(Permissions.HierarchyManage).WithTags("Software updates")
            .WithSummary("Changes polling interval, auto-registration and the gateway token (shown once when issued).");
        return tenant;
    }

    public static async Task<Ok<DdiSettingsResponse>> GetAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(DdiSettingsResponse.From(await scope.Grains.GetGrain<IDdiSettingsGrain>(scope.TenantId).GetAsync(scope.CancellationToken)));

    public static async Task<Ok<DdiSettingsResponse>> UpdateAsync([AsParameters] TenantScope scope, DdiSettingsRequest request)
    {
        TimeSpan? sleep = request.PollingSleep is null ? null
            : TimeSpan.TryParseExact(request.PollingSleep, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out TimeSpan parsed) ? parsed
            : throw CarmenException.Invalid("pollingSleep", "pollingSleep is \"HH:MM:SS\".");
        DdiSettingsChange change = await scope.Grains.GetGrain<IDdiSettingsGrain>(scope.TenantId).UpdateAsync(
            new DdiSettingsUpdate(sleep, request.AutoRegister, request.AutoRegisterClusterId, request.IssueGatewayToken, request.RevokeGatewayToken),
            scope.CancellationToken);
        return TypedResults.Ok(DdiSettingsResponse.From(change.Settings, change.GatewayToken));
    }
}
