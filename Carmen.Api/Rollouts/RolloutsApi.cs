using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Devices;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Rollouts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Rollouts;

/// <summary>Staged rollouts: create, then drive the lifecycle; GET shows per-group counters while it runs.</summary>
public static class RolloutsApi
{
    public static RouteGroupBuilder MapRolloutsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder rollouts = tenant.MapGroup("/rollouts").WithTags("Rollouts");
        rollouts.MapGet("/", ListAsync).RequireAuthorization(CarmenPolicies.Viewer);
        rollouts.MapPost("/", CreateAsync).RequireAuthorization(CarmenPolicies.Operator)
            .WithSummary("Creates a rollout; its devices are selected and grouped in the background (status creating, then ready or waitingForApproval).");
        rollouts.MapGet("/{rolloutId:long}", GetAsync).RequireAuthorization(CarmenPolicies.Viewer);
        rollouts.MapGet("/{rolloutId:long}/devices", ListDevicesAsync).RequireAuthorization(CarmenPolicies.Viewer)
            .WithSummary("The rollout's devices (?status=failed, ?group=0, ?limit= up to 1000) with their state, action and failure reason.");
        rollouts.MapPost("/{rolloutId:long}/start", StartAsync).RequireAuthorization(CarmenPolicies.Operator);
        rollouts.MapPost("/{rolloutId:long}/pause", PauseAsync).RequireAuthorization(CarmenPolicies.Operator);
        rollouts.MapPost("/{rolloutId:long}/resume", ResumeAsync).RequireAuthorization(CarmenPolicies.Operator);
        rollouts.MapPost("/{rolloutId:long}/cancel", CancelAsync).RequireAuthorization(CarmenPolicies.Operator);
        rollouts.MapPost("/{rolloutId:long}/trigger-next", TriggerNextAsync).RequireAuthorization(CarmenPolicies.Operator)
            .WithSummary("Starts the next group now, whatever the current group's success condition says.");
        rollouts.MapPost("/{rolloutId:long}/retry", RetryAsync).RequireAuthorization(CarmenPolicies.Operator)
            .WithSummary("Notifies the failed devices of started groups again.");
        rollouts.MapPost("/{rolloutId:long}/approve", ApproveAsync).RequireAuthorization(CarmenPolicies.TenantAdmin)
            .WithSummary("Approves the rollout, or the group waiting for approval.");
        rollouts.MapPost("/{rolloutId:long}/deny", DenyAsync).RequireAuthorization(CarmenPolicies.TenantAdmin)
            .WithSummary("Refuses the rollout, or the next group (which ends the rollout).");
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<RolloutInfo>>> ListAsync([AsParameters] TenantScope scope)
    {
        IReadOnlyList<long> ids = await scope.Grains.GetGrain<IRolloutDirectoryGrain>(scope.TenantId).ListAsync(scope.CancellationToken);
        RolloutInfo[] rollouts = await Task.WhenAll(ids.Select(id => Rollout(scope, id).GetAsync(scope.CancellationToken)));
        return TypedResults.Ok<IReadOnlyList<RolloutInfo>>(rollouts);
    }

    public static async Task<Created<RolloutInfo>> CreateAsync([AsParameters] TenantScope scope, CreateRolloutRequest request)
    {
        var reader = new RolloutSpecReader(await ClusterDirectory.LoadAsync(scope.Tenant, scope.CancellationToken));
        RolloutSpec spec = reader.Read(request);
        IRolloutDirectoryGrain directory = scope.Grains.GetGrain<IRolloutDirectoryGrain>(scope.TenantId);
        long id = await directory.ReserveAsync(scope.CancellationToken);
        try
        {
            RolloutInfo rollout = await Rollout(scope, id).CreateAsync(spec, By(scope), scope.CancellationToken);
            return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/rollouts/{id}", rollout);
        }
        catch (CarmenException)
        {
            await directory.ReleaseAsync(id, CancellationToken.None);
            throw;
        }
    }

    public static async Task<Ok<RolloutInfo>> GetAsync([AsParameters] TenantScope scope, long rolloutId) =>
        TypedResults.Ok(await Rollout(scope, rolloutId).GetAsync(scope.CancellationToken));

    public static async Task<Ok<IReadOnlyList<RolloutMemberInfo>>> ListDevicesAsync([AsParameters] TenantScope scope, long rolloutId, string? status, int? group, int? limit)
    {
        MemberStatus? state = QueryEnums.Parse<MemberStatus>(status, "status");
        int take = limit ?? 100;
        if (take is < 1 or > 1000)
        {
            throw CarmenException.Invalid("limit", "limit is 1 to 1000.");
        }

        return TypedResults.Ok(await Rollout(scope, rolloutId).ListDevicesAsync(state, group, take, scope.CancellationToken));
    }

    public static Task<Ok<RolloutInfo>> StartAsync([AsParameters] TenantScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.StartAsync(ct));

    public static Task<Ok<RolloutInfo>> PauseAsync([AsParameters] TenantScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.PauseAsync(By(scope), ct));

    public static Task<Ok<RolloutInfo>> ResumeAsync([AsParameters] TenantScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.ResumeAsync(ct));

    public static Task<Ok<RolloutInfo>> CancelAsync([AsParameters] TenantScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.CancelAsync(By(scope), ct));

    public static Task<Ok<RolloutInfo>> TriggerNextAsync([AsParameters] TenantScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.TriggerNextAsync(ct));

    public static Task<Ok<RolloutInfo>> RetryAsync([AsParameters] TenantScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.RetryAsync(ct));

    public static Task<Ok<RolloutInfo>> ApproveAsync([AsParameters] TenantScope scope, long rolloutId) =>
        Act(scope, rolloutId, (grain, ct) => grain.ApproveAsync(By(scope), ct));

    public static Task<Ok<RolloutInfo>> DenyAsync([AsParameters] TenantScope scope, long rolloutId, DenyRolloutRequest? request) =>
        Act(scope, rolloutId, (grain, ct) => grain.DenyAsync(By(scope), request?.Remark, ct));

    private static async Task<Ok<RolloutInfo>> Act(TenantScope scope, long rolloutId, Func<IRolloutGrain, CancellationToken, Task<RolloutInfo>> action) =>
        TypedResults.Ok(await action(Rollout(scope, rolloutId), scope.CancellationToken));

    private static IRolloutGrain Rollout(TenantScope scope, long rolloutId) =>
        scope.Grains.GetGrain<IRolloutGrain>(RolloutKeys.Rollout(scope.TenantId, rolloutId));

    private static string By(TenantScope scope) => scope.User.Identity?.Name ?? "unknown";
}
