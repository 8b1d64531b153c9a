using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Security;

/// <summary>A tenant's allow and deny lists of address ranges for sign-in and for API keys.</summary>
public static class NetworkPolicyApi
{
    public static RouteGroupBuilder MapNetworkPolicyApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder policy = tenant.MapGroup("/network-policy").WithTags("Security").RequirePermission(Permissions.AccessManage);
        policy.MapGet("/", GetAsync);
        policy.MapPut("/", PutAsync).WithSummary("Replaces the allow and deny lists (CIDR) for sign-in and API keys; in force on every node within 5 s.");
        return tenant;
    }

    public static async Task<Ok<NetworkPolicyContract>> GetAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok(NetworkPolicyContract.From(await scope.Grain<INetworkPolicyGrain>(scope.TenantId).GetAsync(scope.CancellationToken)));

    public static async Task<Ok<NetworkPolicyContract>> PutAsync([AsParameters] TenantScope scope, NetworkPolicyContract request, TenantNetworkPolicies policies)
    {
        NetworkPolicy saved = await scope.Grain<INetworkPolicyGrain>(scope.TenantId).SetAsync(request.ToPolicy(), scope.CancellationToken);
        policies.Changed(scope.TenantId, saved);
        return TypedResults.Ok(NetworkPolicyContract.From(saved));
    }
}
