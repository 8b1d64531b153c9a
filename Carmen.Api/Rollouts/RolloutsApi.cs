using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Devices;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces;
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
    /// <summary>A tenant's device rollouts: operators drive them, tenant administrators approve.</summary>
    public static RouteGroupBuilder MapRolloutsApi(this RouteGroupBuilder tenant)
    {
        MapRollouts(tenant.MapGroup("/rollouts").WithTags("Rollouts"), "devices", CarmenPolicies.Viewer, CarmenPolicies.Operator, CarmenPolicies.TenantAdmin);
        return tenant;
    }

    /// <summary>The platform's application rollouts to tenants: platform administrators only.</summary>
    public static RouteGroupBuilder MapApplicationRolloutsApi(this RouteGroupBuilder application)
    {
        MapRollouts(application.MapGroup("/rollouts").WithTags("Application lifecycle"), "tenants",
            CarmenPolicies.PlatformAdmin, CarmenPolicies.PlatformAdmin, CarmenPolicies.PlatformAdmin);
        return application;
    }

    private static void MapRollouts(RouteGroupBuilder rollouts, string targets, string viewer, string driver, string approver)
    {
        rollouts.MapGet("/", ListAsync).RequireAuthorization(viewer);
        rollouts.MapPost("/", CreateAsync).RequireAuthorization(driver)
            .WithSummary($"Creates a rollout; its {targets} are selected and grouped in the background (status creating, then ready or waitingForApproval).");
        rollouts.MapGet("/{rolloutId:long}", GetAsync).RequireAuthorization(viewer);
        rollouts.MapDelete("/{rolloutId:long}", DeleteAsync).RequireAuthorization(driver)
            .WithSummary("Deletes a rollout that is not under way (never started, or ended with every action settled).");
        rollouts.MapGet($"/{{rolloutId:long}}/{targets}", ListTargetsAsync).RequireAuthorization(viewer)
            .WithSummary($"The rollout's {targets} (?status=failed, ?group=0, ?limit= up to 1000) with their state, action and failure reason.");
        rollouts.MapPost("/{rolloutId:long}/start", StartAsync).RequireAuthorization(driver);
        rollouts.MapPost("/{rolloutId:long}/pause", PauseAsync).RequireAuthorization(driver);
        rollouts.MapPost("/{rolloutId:long}/resume", ResumeAsync).RequireAuthorization(driver);
        rollouts.MapPost("/{rolloutId:long}/cancel", CancelAsync).RequireAuthorization(driver);
        rollouts.MapPost("/{rolloutId:long}/trigger-next", TriggerNextAsync).RequireAuthorization(driver)
            .WithSummary("Starts the next group now, whatever the current group's success condition says.");
        rollouts.MapPost("/{rolloutId:long}/retry", RetryAsync).RequireAuthorization(driver)
            .WithSummary($"Notifies the failed {targets} of started groups again.");
        rollouts.MapPost("/{rolloutId:long}/approve", ApproveAsync).RequireAuthorization(approver)
            .WithSummary("Approves the rollout, or the group waiting for approval.");
        rollouts.MapPost("/{rolloutId:long}/deny", DenyAsync).RequireAuthorization(approver)
            .WithSummary("Refuses the rollout, or the next group (which ends the rollout).");
    }

    public static async Task<Ok<IReadOnlyList<RolloutResponse>>> ListAsync(RolloutScope scope)
    {
        IReadOnlyList<long> ids = await scope.Directory.ListAsync(scope.CancellationToken);
        RolloutInfo?[] rollouts = await Task.WhenAll(ids.Select(id => scope.Rollout(id).FindAsync(scope.CancellationToken)));
        return TypedResults.Ok<IReadOnlyList<RolloutResponse>>([.. rollouts.OfType<RolloutInfo>().Select(RolloutResponse.From)]);
    }

    public static async Task<Created<RolloutResponse>> CreateAsync(RolloutScope scope, CreateRolloutRequest request)
    {
        ClusterDirectory? clusters = scope.IsPlatform ? null : await ClusterDirectory.LoadAsync(scope.Grains.GetGrain<ITenantGrain>(scope.ScopeId), scope.CancellationToken);
        RolloutSpec spec = new RolloutSpecReader(clusters).Read(request);
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

    public static async Task<Ok<RolloutResponse>> GetAsync(RolloutScope scope, long rolloutId) =>
        TypedResults.Ok(RolloutResponse.From(await scope.Rollout(rolloutId).GetAsync(scope.CancellationToken)));

    public static async Task<NoContent> DeleteAsync(RolloutScope scope, long rolloutId)
    {
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
        Act(scope, rolloutId, (grain, ct) => grain.ApproveAsync(scope.By, ct));

    public static Task<Ok<RolloutResponse>> DenyAsync(RolloutScope scope, long rolloutId, DenyRolloutRequest? request) =>
        Act(scope, rolloutId, (grain, ct) => grain.DenyAsync(scope.By, request?.Remark, ct));

    private static async Task<Ok<RolloutResponse>> Act(RolloutScope scope, long rolloutId, Func<IRolloutGrain, CancellationToken, Task<RolloutInfo>> action) =>
        TypedResults.Ok(RolloutResponse.From(await action(scope.Rollout(rolloutId), scope.CancellationToken)));
}
