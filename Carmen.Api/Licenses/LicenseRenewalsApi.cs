using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Licenses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Licenses;

/// <summary>
/// Renewal requests: a tenant administrator files one; platform administrators list the open ones and fulfil them by
/// issuing a license that renews the named one (the request closes itself) or decline them, saying why.
/// </summary>
public static class LicenseRenewalsApi
{
    public static IEndpointRouteBuilder MapPlatformLicenseRenewalsApi(this IEndpointRouteBuilder api)
    {
        RouteGroupBuilder platform = api.MapGroup("/platform/license-renewal-requests").WithTags("Licenses").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        platform.MapGet("/", ListAllAsync).WithSummary("Every tenant's renewal requests, newest first (?status=open|fulfilled|declined).");
        platform.MapPost("/{requestId:long}/decline", DeclineAsync);
        return api;
    }

    public static RouteGroupBuilder MapLicenseRenewalsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder requests = tenant.MapGroup("/license-renewal-requests").WithTags("Licenses");
        requests.MapPost("/", FileAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Asks the platform's administrators to renew a license (licenseId), or for a new one.");
        requests.MapGet("/", ListAsync).RequirePermission(Permissions.HierarchyManage);
        return tenant;
    }

    public static async Task<Created<LicenseRenewalRequestResponse>> FileAsync([AsParameters] TenantScope scope, FileRenewalRequest request)
    {
        if (request.LicenseId is string licenseId && await scope.Grain<ILicenseGrain>($"{scope.TenantId}/{licenseId}").FindAsync(scope.CancellationToken) is null)
        {
            throw CarmenException.Invalid("licenseId", $"The tenant holds no license '{licenseId}'.");
        }

        LicenseRenewalRequest filed = await Requests(scope.Grains).FileAsync(scope.TenantId, request.LicenseId, request.Note ?? "", scope.User.Actor(), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/license-renewal-requests", LicenseRenewalRequestResponse.From(filed));
    }

    public static async Task<Ok<List<LicenseRenewalRequestResponse>>> ListAsync([AsParameters] TenantScope scope, string? status) =>
        TypedResults.Ok((await Requests(scope.Grains).ListAsync(scope.TenantId, QueryEnums.Parse<RenewalRequestStatus>(status, "status"), scope.CancellationToken))
            .Select(LicenseRenewalRequestResponse.From).ToList());

    public static async Task<Ok<List<LicenseRenewalRequestResponse>>> ListAllAsync(IGrainFactory grains, string? status, CancellationToken cancellationToken) =>
        TypedResults.Ok((await Requests(grains).ListAsync(null, QueryEnums.Parse<RenewalRequestStatus>(status, "status"), cancellationToken))
            .Select(LicenseRenewalRequestResponse.From).ToList());

    public static async Task<Ok<LicenseRenewalRequestResponse>> DeclineAsync(IGrainFactory grains, long requestId, DeclineRenewalRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(LicenseRenewalRequestResponse.From(await Requests(grains).DeclineAsync(requestId, request.Reason ?? "", cancellationToken)));

    private static ILicenseRenewalRequestsGrain Requests(IGrainFactory grains) => grains.GetGrain<ILicenseRenewalRequestsGrain>(0);
}
