using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Devices;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Rollouts;

/// <summary>
/// Staged rollouts: create, then drive the lifecycle; GET shows per-group counters while it runs. The same handlers
/// serve a tenant's device rollouts and the platform's application rollouts to tenants.
/// </summary>
public static class RolloutsApi
{
    /// <summary>A tenant's device rollouts: rollouts.manage drives them, rollouts.approve approves, on the clusters they target.</summary>
    public static RouteGroupBuilder MapRolloutsApi(this RouteGroupBuilder tenant)
    {
        // Anywhere in the tenant at the gate; each handler checks the clusters the rollout targets.
        MapRollouts(tenant.MapGroup("/rollouts").WithTags("Rollouts"), "devices",
            read: route => route.RequirePermissionAnywhere(Permissions.DevicesRead),
            drive: route => route.RequirePermissionAnywhere(Permissions.RolloutsManage),
            approve: route => route.RequirePermissionAnywhere(Permissions.RolloutsApprove));
        return tenant;
    }

    /// <summary>The platform's application rollouts to tenants: platform administrators only.</summary>
    public static RouteGroupBuilder MapApplicationRolloutsApi(this RouteGroupBuilder application)
    {
        Action<RouteHandlerBuilder> platformAdmin = route => route.RequireAuthorization(CarmenPolicies.PlatformAdmin);
        MapRollouts(application.MapGroup("/rollouts").WithTags("Application lifecycle"), "tenants", platformAdmin, platformAdmin, platformAdmin);
        return application;
    }

    private static void MapRollouts(
        RouteGroupBuilder rollouts, string targets, Action<RouteHandlerBuilder> read, Action<RouteHandlerBuilder> drive, Action<RouteHandlerBuilder> approve)
    {
        read(rollouts.MapGet("/", ListAsync));
        drive(rollouts.MapPost("/", CreateAsync)
            .WithSummary($"Creates a rollout; its {targets} are selected and grouped in the background (status creating, then ready or waitingForApproval)."));
        read(rollouts.MapGet("/{rolloutId:long}", GetAsync));
        drive(rollouts.MapDelete("/{rolloutId:long}", DeleteAsync)
            .WithSummary("Deletes a rollout that is not under way (never started, or ended with every action settled)."));
        read(rollouts.MapGet($"/{{rolloutId:long}}/{targets}", ListTargetsAsync)
            .WithSummary($"The rollout's {targets} (?status=failed, ?group=0, ?limit= up to 1000) with their state, action and failure reason."));
        drive(rollouts.MapPost("/{rolloutId:long}/start", StartAsync));
        drive(rollouts.MapPost("/{rolloutId:long}/pause", PauseAsync));
        drive(rollouts.MapPost("/{rolloutId:long}/resume", ResumeAsync));
        drive(rollouts.MapPost("/{rolloutId:long}/cancel", CancelAsync));
        drive(rollouts.MapPost("/{rolloutId:long}/trigger-next", TriggerNextAsync)
            .WithSummary("Starts the next group now, whatever the current group's success condition says."));
        drive(rollouts.MapPost("/{rolloutId:long}/retry", RetryAsync)
            .WithSummary($"Notifies the failed {targets} of started groups again."));
        approve(rollouts.MapPost("/{rolloutId:long}/approve", ApproveAsync)
            .WithSummary("Approves the rollout, or the group waiting for approval."));
        approve(rollouts.MapPost("/{rolloutId:long}/deny", DenyAsync)
            .WithSummary("Refuses the rollout, or the next group (which ends the rollout)."));
    }

    public static async Task<Ok<IReadOnlyList<RolloutResponse>>> ListAsync(RolloutScope scope)
    {
        IReadOnlyList<long> ids = await scope.Directory.ListAsync(scope.CancellationToken);
        RolloutInfo?[] rollouts = await Task.WhenAll(ids.Select(id => scope.Rollout(id).FindAsync(scope.CancellationToken)));
        return TypedResults.Ok<IReadOnlyList<RolloutResponse>>(
        [
            .. rollouts.OfType<RolloutInfo>()
                .Where(rollout => scope.Caller?.Covers(rollout.Spec.Targets.ClusterIds, Permissions.DevicesRead) ?? true)
                .Select(RolloutResponse.From),
        ]);
    }

    public static async Task<Created<RolloutResponse>> CreateAsync(RolloutScope scope, CreateRolloutRequest request)
    {
        ClusterDirectory? clusters = scope.IsPlatform ? null : await ClusterDirectory.LoadAsync(scope.Grains.GetGrain<ITenantGrain>(scope.ScopeId), scope.CancellationToken);
        RolloutSpec spec = new RolloutSpecReader(clusters).Read(request);
        if (scope.Caller is CallerAccess caller && !caller.Covers(spec.Targets.ClusterIds, Permissions.RolloutsManage))
        {
            throw CallerAccess.Refusal(Permissions.RolloutsManage, "every cluster the rollout targets (name them in its clusterIds)");
        }

        IRolloutDirectoryGrain directory = scope.Directory;
        long id = await directory.ReserveAsync(scope.CancellationToken);
        try
        {
            RolloutInfo rollout = await scope.Rollout(id).CreateAsync(spec, scope.By, scope.CancellationToken);
            return TypedResults.Created(scope.PathOf(id), RolloutResponse.From(rollout));
        }
        catch (Exception)
        {
            // Whatever ended the creation (a refusal, a timeout, a lost silo), the id must not stay listed without a rollout.
            await directory.ReleaseAsync(id, CancellationToken.None);
            throw;
        }
    }

    public static async Task<Ok<RolloutResponse>> GetAsync(RolloutScope scope, long rolloutId)
    {
        await scope.RequireOnRolloutAsync(rolloutId, Permissions.DevicesRead);
        return TypedResults.Ok(RolloutResponse.From(await scope.Rollout(rolloutId).GetAsync(scope.CancellationToken)));
    }

    public static async Task<NoContent> DeleteAsync(RolloutScope scope, long rolloutId)
    {
        await scope.RequireOnRolloutAsync(rolloutId, Permissions.RolloutsManage);
        await scope.Rollout(rolloutId).DeleteAsync(scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<RolloutTargetResponse>>> ListTargetsAsync(RolloutScope scope, long rolloutId, string? status, int? group, int? limit)
    {
        MemberStatus? state = QueryEnums.Parse<MemberStatus>(status, "status");
        int take = limit ?? 100;
        if (take is < 1 or > 1000)
        {
            throw CarmenException.Invalid("limit", "limit is 1 to 1000.");
        }

        await scope.RequireOnRolloutAsync(rolloutId, Permissions.DevicesRead);
        IReadOnlyList<RolloutMemberInfo> targets = await scope.Rollout(rolloutId).ListDevicesAsync(state, group, take, scope.CancellationToken);
        return TypedResults.Ok<IReadOnlyList<RolloutTargetResponse>>([.. targets.Select(RolloutTargetResponse.From)]);
    }

    public static Task<Ok<RolloutResponse>> StartAsync(RolloutScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.StartAsync(ct));

    public static Task<Ok<RolloutResponse>> PauseAsync(RolloutScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.PauseAsync(scope.By, ct));

    public static Task<Ok<RolloutResponse>> ResumeAsync(RolloutScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.ResumeAsync(ct));

    public static Task<Ok<RolloutResponse>> CancelAsync(RolloutScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.CancelAsync(scope.By, ct));

    public static Task<Ok<RolloutResponse>> TriggerNextAsync(RolloutScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.TriggerNextAsync(ct));

    public static Task<Ok<RolloutResponse>> RetryAsync(RolloutScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.RetryAsync(ct));

    public static Task<Ok<RolloutResponse>> ApproveAsync(RolloutScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.ApproveAsync(scope.By, ct), Permissions.RolloutsApprove);

    public static Task<Ok<RolloutResponse>> DenyAsync(RolloutScope scope, long rolloutId, DenyRolloutRequest? request) =>
        Act(scope, rolloutId, (grain, ct) => grain.DenyAsync(scope.By, request?.Remark, ct), Permissions.RolloutsApprove);

    private static async Task<Ok<RolloutResponse>> Act(
        RolloutScope scope, long rolloutId, Func<IRolloutGrain, CancellationToken, Task<RolloutInfo>> action, string permission = Permissions.RolloutsManage)
    {
        await scope.RequireOnRolloutAsync(rolloutId, permission);
        return TypedResults.Ok(RolloutResponse.From(await action(scope.Rollout(rolloutId), scope.CancellationToken)));
    }
}
