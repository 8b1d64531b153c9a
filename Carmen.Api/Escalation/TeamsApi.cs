using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Escalation;

/// <summary>A tenant's teams: who they are, which business units or clusters they cover, and which channels reach them.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder teams = tenant.MapGroup("/teams").WithTags("Escalation");
        teams.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.AlertsRead);
        teams.MapPost("/", CreateAsync).RequirePermission(Permissions.AlertRulesManage);
        teams.MapGet("/{teamId:long}", GetAsync).RequirePermissionAnywhere(Permissions.AlertsRead);
        teams.MapPut("/{teamId:long}", UpdateAsync).RequirePermission(Permissions.AlertRulesManage);
        teams.MapDelete("/{teamId:long}", DeleteAsync).RequirePermission(Permissions.AlertRulesManage);
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<TeamResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<TeamResponse>>([.. (await Routing(scope).ListTeamsAsync(scope.CancellationToken)).Select(TeamResponse.From)]);

    public static async Task<Created<TeamResponse>> CreateAsync([AsParameters] TenantScope scope, TeamRequest request)
    {
        Team team = await Routing(scope).CreateTeamAsync(Draft(request), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/teams/{team.Id}", TeamResponse.From(team));
    }

    public static async Task<Ok<TeamResponse>> GetAsync([AsParameters] TenantScope scope, long teamId) =>
        TypedResults.Ok(TeamResponse.From(await Routing(scope).GetTeamAsync(teamId, scope.CancellationToken)));

    public static async Task<Ok<TeamResponse>> UpdateAsync([AsParameters] TenantScope scope, long teamId, TeamRequest request) =>
        TypedResults.Ok(TeamResponse.From(await Routing(scope).UpdateTeamAsync(teamId, Draft(request), scope.CancellationToken)));

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, long teamId)
    {
        await Routing(scope).DeleteTeamAsync(teamId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    private static IAlertRoutingGrain Routing(TenantScope scope) => scope.Grains.GetGrain<IAlertRoutingGrain>(scope.TenantId);

    private static TeamDraft Draft(TeamRequest request)
    {
        IReadOnlyList<TerritoryContract> territories = request.Territories ?? [];
        return new TeamDraft(
            request.Name ?? throw CarmenException.Invalid("name", "name is required."),
            request.Members ?? [],
            [.. territories.Select((territory, i) => new Territory(
                QueryEnums.Parse<TerritoryKind>(territory.Type, $"territories[{i}].type")
                    ?? throw CarmenException.Invalid($"territories[{i}].type", "A territory's type is businessUnit or cluster."),
                territory.Id ?? throw CarmenException.Invalid($"territories[{i}].id", "A territory names its business unit or cluster in \"id\".")))],
            request.ChannelIds ?? []);
    }
}
