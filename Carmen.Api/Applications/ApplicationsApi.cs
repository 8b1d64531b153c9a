using System.Security.Claims;
using System.Text.Json;
using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Rollouts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.Applications;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Applications;

/// <summary>
/// Application lifecycle across tenants: platform administrators publish releases of the tenants' application
/// configuration and roll them out to tenants with the rollout engine; each tenant sees the release it runs, its
/// history with changelogs, and accepts or rejects a soft release.
/// </summary>
public static class ApplicationsApi
{
    public static RouteGroupBuilder MapApplicationReleasesApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder application = api.MapGroup("/platform/application").WithTags("Application lifecycle");
        application.MapGet("/releases", ListReleasesAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin);
        application.MapPost("/releases", PublishAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin)
            .WithSummary("Publishes a release (version, changelog, configuration JSON object); releases never change once published.");
        application.MapGet("/releases/{releaseId:long}", GetReleaseAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin);
        application.MapApplicationRolloutsApi();
        return api;
    }

    public static RouteGroupBuilder MapTenantApplicationApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder application = tenant.MapGroup("/application").WithTags("Application lifecycle");
        application.MapGet("/", GetAsync).RequirePermissionAnywhere(Permissions.DevicesRead)
            .WithSummary("The release the tenant runs with its configuration, a release waiting for acceptance, and the version history.");
        application.MapPost("/actions/{actionId:long}/accept", AcceptAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Applies a waiting (soft) release now.");
        application.MapPost("/actions/{actionId:long}/reject", RejectAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Refuses a waiting release; its rollout counts the tenant as failed.");
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<ApplicationReleaseResponse>>> ListReleasesAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApplicationRelease> releases = await Catalog(grains).ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApplicationReleaseResponse>>([.. releases.Select(ApplicationReleaseResponse.From)]);
    }

    public static async Task<Created<ApplicationReleaseResponse>> PublishAsync(IGrainFactory grains, ClaimsPrincipal user, PublishReleaseRequest request, CancellationToken cancellationToken)
    {
        string configuration = request.Configuration is JsonElement given && given.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? given.GetRawText() : "{}";
        ApplicationRelease release = await Catalog(grains).PublishAsync(request.Version ?? "", request.Changelog, configuration, user.Actor(), cancellationToken);
        return TypedResults.Created($"/api/v1/platform/application/releases/{release.Id}", ApplicationReleaseResponse.From(release));
    }

    public static async Task<Ok<ApplicationReleaseResponse>> GetReleaseAsync(IGrainFactory grains, long releaseId, CancellationToken cancellationToken) =>
        TypedResults.Ok(ApplicationReleaseResponse.From(await Catalog(grains).GetAsync(releaseId, cancellationToken)));

    public static async Task<Ok<TenantApplicationResponse>> GetAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(TenantApplicationResponse.From(await Application(scope).GetAsync(scope.CancellationToken)));

    public static async Task<Ok<ApplicationActionResponse>> AcceptAsync([AsParameters] TenantScope scope, long actionId) =>
        TypedResults.Ok(ApplicationActionResponse.From(await Application(scope).AcceptActionAsync(actionId, scope.User.Actor(), scope.CancellationToken))!);

    public static async Task<Ok<ApplicationActionResponse>> RejectAsync([AsParameters] TenantScope scope, long actionId, RejectReleaseRequest? request) =>
        TypedResults.Ok(ApplicationActionResponse.From(await Application(scope).RejectActionAsync(actionId, scope.User.Actor(), request?.Reason, scope.CancellationToken))!);

    private static IApplicationCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<IApplicationCatalogGrain>(IApplicationCatalogGrain.Key);

    private static ITenantApplicationGrain Application(TenantScope scope) => scope.Grains.GetGrain<ITenantApplicationGrain>(scope.TenantId);
}
