using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Alerts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Escalation;

/// <summary>A tenant's escalation paths, which alert rules name in <c>escalationPathId</c>.</summary>
public static class EscalationPathsApi
{
    /// <summary>Maps the paths under <paramref name="owner"/>: a tenant's route group, or the platform's.</summary>
    public static RouteGroupBuilder MapEscalationPathsApi(this RouteGroupBuilder owner)
    {
        RouteGroupBuilder paths = owner.MapGroup("/escalation-paths").WithTags("Escalation");
        paths.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.AlertsRead);
        paths.MapPost("/", CreateAsync).RequirePermission(Permissions.AlertRulesManage);
        paths.MapGet("/{pathId:long}", GetAsync).RequirePermissionAnywhere(Permissions.AlertsRead);
        paths.MapPut("/{pathId:long}", UpdateAsync).RequirePermission(Permissions.AlertRulesManage);
        paths.MapDelete("/{pathId:long}", DeleteAsync).RequirePermission(Permissions.AlertRulesManage);
        return owner;
    }

    public static async Task<Ok<IReadOnlyList<EscalationPathResponse>>> ListAsync(AlertOwner scope, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<EscalationPathResponse>>(
            [.. (await Routing(grains, scope).ListPathsAsync(cancellationToken)).Select(EscalationPathResponse.From)]);

    public static async Task<Created<EscalationPathResponse>> CreateAsync(AlertOwner scope, IGrainFactory grains, EscalationPathRequest request, CancellationToken cancellationToken)
    {
        EscalationPath path = await Routing(grains, scope).CreatePathAsync(Draft(request), cancellationToken);
        return TypedResults.Created($"{scope.BasePath}/escalation-paths/{path.Id}", EscalationPathResponse.From(path));
    }

    public static async Task<Ok<EscalationPathResponse>> GetAsync(AlertOwner scope, IGrainFactory grains, long pathId, CancellationToken cancellationToken) =>
        TypedResults.Ok(EscalationPathResponse.From(await Routing(grains, scope).GetPathAsync(pathId, cancellationToken)));

    public static async Task<Ok<EscalationPathResponse>> UpdateAsync(AlertOwner scope, IGrainFactory grains, long pathId, EscalationPathRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(EscalationPathResponse.From(await Routing(grains, scope).UpdatePathAsync(pathId, Draft(request), cancellationToken)));

    public static async Task<NoContent> DeleteAsync(AlertOwner scope, IGrainFactory grains, long pathId, CancellationToken cancellationToken)
    {
        await Routing(grains, scope).DeletePathAsync(pathId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static IAlertRoutingGrain Routing(IGrainFactory grains, AlertOwner scope) => grains.GetGrain<IAlertRoutingGrain>(scope.OwnerId);

    private static EscalationPathDraft Draft(EscalationPathRequest request) => new(
        request.Name ?? throw CarmenException.Invalid("name", "name is required."),
        [.. (request.Levels ?? throw CarmenException.Invalid("levels", "levels is required.")).Select((level, i) => new EscalationLevel(
            level.DelayMinutes ?? throw CarmenException.Invalid($"levels[{i}].delayMinutes", "delayMinutes is required (0 for at once)."),
            level.ChannelIds ?? [], level.TeamIds ?? []))],
        request.RenotifyMinutes);
}
