using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Escalation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Escalation;

/// <summary>A tenant's escalation paths, which alert rules name in <c>escalationPathId</c>.</summary>
public static class EscalationPathsApi
{
    public static RouteGroupBuilder MapEscalationPathsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder paths = tenant.MapGroup("/escalation-paths").WithTags("Escalation");
        paths.MapGet("/", ListAsync).RequireAuthorization(CarmenPolicies.Viewer);
        paths.MapPost("/", CreateAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        paths.MapGet("/{pathId:long}", GetAsync).RequireAuthorization(CarmenPolicies.Viewer);
        paths.MapPut("/{pathId:long}", UpdateAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        paths.MapDelete("/{pathId:long}", DeleteAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<EscalationPathResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<EscalationPathResponse>>(
            [.. (await Routing(scope).ListPathsAsync(scope.CancellationToken)).Select(EscalationPathResponse.From)]);

    public static async Task<Created<EscalationPathResponse>> CreateAsync([AsParameters] TenantScope scope, EscalationPathContract request)
    {
        EscalationPath path = await Routing(scope).CreatePathAsync(Draft(request), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/escalation-paths/{path.Id}", EscalationPathResponse.From(path));
    }

    public static async Task<Ok<EscalationPathResponse>> GetAsync([AsParameters] TenantScope scope, long pathId) =>
        TypedResults.Ok(EscalationPathResponse.From(await Routing(scope).GetPathAsync(pathId, scope.CancellationToken)));

    public static async Task<Ok<EscalationPathResponse>> UpdateAsync([AsParameters] TenantScope scope, long pathId, EscalationPathContract request) =>
        TypedResults.Ok(EscalationPathResponse.From(await Routing(scope).UpdatePathAsync(pathId, Draft(request), scope.CancellationToken)));

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, long pathId)
    {
        await Routing(scope).DeletePathAsync(pathId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    private static IAlertRoutingGrain Routing(TenantScope scope) => scope.Grains.GetGrain<IAlertRoutingGrain>(scope.TenantId);

    private static EscalationPathDraft Draft(EscalationPathContract request) => new(
        request.Name ?? throw CarmenException.Invalid("name", "name is required."),
        [.. (request.Levels ?? throw CarmenException.Invalid("levels", "levels is required.")).Select((level, i) => new EscalationLevel(
            level.DelayMinutes ?? throw CarmenException.Invalid($"levels[{i}].delayMinutes", "delayMinutes is required (0 for at once)."),
            level.ChannelIds ?? [], level.TeamIds ?? []))],
        request.RenotifyMinutes);
}
