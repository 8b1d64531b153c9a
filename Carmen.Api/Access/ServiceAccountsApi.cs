using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Access;

/// <summary>
/// Service accounts and their API keys: principals for automation, given roles through role assignments like users,
/// signing in with <c>Authorization: Bearer carmen_...</c>. A key is shown once, stored hashed, and revoked at once.
/// </summary>
public static class ServiceAccountsApi
{
    private const int MaxKeysPerAccount = 20;

    public static RouteGroupBuilder MapServiceAccountsApi(this RouteGroupBuilder tenant)
    {
        // A key acts as its account: making accounts and keys is managing access, tenant-wide.
        RouteGroupBuilder accounts = tenant.MapGroup("/service-accounts").WithTags("Access").RequirePermission(Permissions.AccessManage);
        accounts.MapPost("/", CreateAsync).WithSummary("Makes a service account; give it roles with role-assignments and its serviceAccountId.");
        accounts.MapGet("/", ListAsync);
        accounts.MapDelete("/{serviceAccountId}", DeleteAsync).WithSummary("Deletes the service account; its keys are revoked and its assignments removed.");
        accounts.MapPost("/{serviceAccountId}/keys", CreateKeyAsync).WithSummary("Makes an API key for the account; the key is in this answer only.");
        accounts.MapGet("/{serviceAccountId}/keys", ListKeysAsync).WithSummary("The account's keys: prefix, name, expiry, revocation, last use. Never the key.");
        accounts.MapPost("/{serviceAccountId}/keys/{keyId}/rotate", RotateKeyAsync)
            .WithSummary("Makes a new key in this one's place (shown once); the old one works for overlapHours more (default 24), then expires.");
        accounts.MapDelete("/{serviceAccountId}/keys/{keyId}", RevokeKeyAsync).WithSummary("Revokes a key; the next request it signs, on any node, is refused.");
        return tenant;
    }

    public static async Task<Created<ServiceAccountResponse>> CreateAsync([AsParameters] TenantScope scope, ServiceAccountRequest request)
    {
        ServiceAccountInfo account = await Accounts(scope).CreateServiceAccountAsync(request.Name ?? "", scope.Actor.Name, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/service-accounts/{account.Id}", ServiceAccountResponse.From(account));
    }

    public static async Task<Ok<IReadOnlyList<ServiceAccountResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<ServiceAccountResponse>>([.. (await Accounts(scope).GetServiceAccountsAsync(scope.CancellationToken)).Select(ServiceAccountResponse.From)]);

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, string serviceAccountId)
    {
        await Accounts(scope).DeleteServiceAccountAsync(serviceAccountId, scope.Actor.Name, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Created<ApiKeyResponse>> CreateKeyAsync([AsParameters] TenantScope scope, string serviceAccountId, ApiKeyRequest request, TimeProvider time)
    {
        ServiceAccountInfo account = await FindAsync(scope, serviceAccountId);
        RequireRoomForKey(account);
        (ApiKeyInfo key, string secret) = await ApiKeyRotation.CreateAsync(
            scope.Grains, scope.TenantId, ServiceAccounts.Principal(serviceAccountId), request.Name, request.ExpiresAt, scope.Actor.Name, time, scope.CancellationToken);
        await Accounts(scope).AddServiceAccountKeyAsync(serviceAccountId, key.Id, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/service-accounts/{serviceAccountId}/keys/{key.Id}", ApiKeyResponse.From(key, secret));
    }

    public static async Task<Created<ApiKeyRotationResponse>> RotateKeyAsync(
        [AsParameters] TenantScope scope, string serviceAccountId, string keyId, RotateApiKeyRequest request, TimeProvider time)
    {
        ServiceAccountInfo account = await FindAsync(scope, serviceAccountId);
        ApiKeyInfo old = account.KeyIds.Contains(keyId) && await scope.Grain<IApiKeyGrain>(keyId).GetAsync(scope.CancellationToken) is ApiKeyInfo found
            ? found
            : throw CarmenException.NotFound($"API key '{keyId}' does not exist.");
        RequireRoomForKey(account);
        (ApiKeyInfo key, string secret, ApiKeyInfo previous) = await ApiKeyRotation.RotateAsync(scope.Grains, old, request, scope.Actor.Name, time, scope.CancellationToken);
        await Accounts(scope).AddServiceAccountKeyAsync(serviceAccountId, key.Id, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/service-accounts/{serviceAccountId}/keys/{key.Id}",
            new ApiKeyRotationResponse(ApiKeyResponse.From(key, secret), ApiKeyResponse.From(previous)));
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyResponse>>> ListKeysAsync([AsParameters] TenantScope scope, string serviceAccountId)
    {
        ServiceAccountInfo account = await FindAsync(scope, serviceAccountId);
        ApiKeyInfo?[] keys = await Task.WhenAll(account.KeyIds.Select(keyId => scope.Grain<IApiKeyGrain>(keyId).GetAsync(scope.CancellationToken)));
        return TypedResults.Ok<IReadOnlyList<ApiKeyResponse>>([.. keys.OfType<ApiKeyInfo>().Select(key => ApiKeyResponse.From(key))]);
    }

    public static async Task<Ok<ApiKeyResponse>> RevokeKeyAsync([AsParameters] TenantScope scope, string serviceAccountId, string keyId)
    {
        ServiceAccountInfo account = await FindAsync(scope, serviceAccountId);
        return account.KeyIds.Contains(keyId)
            ? TypedResults.Ok(ApiKeyResponse.From(await scope.Grain<IApiKeyGrain>(keyId).RevokeAsync(scope.CancellationToken)))
            : throw CarmenException.NotFound($"API key '{keyId}' does not exist.");
    }

    private static void RequireRoomForKey(ServiceAccountInfo account)
    {
        if (account.KeyIds.Count >= MaxKeysPerAccount)
        {
            throw CarmenException.Conflict($"A service account has at most {MaxKeysPerAccount} keys; revoke and delete old ones first.");
        }
    }

    private static IServiceAccountsGrain Accounts(TenantScope scope) => scope.Grain<IServiceAccountsGrain>(scope.TenantId);

    private static async Task<ServiceAccountInfo> FindAsync(TenantScope scope, string serviceAccountId) =>
        (await Accounts(scope).GetServiceAccountsAsync(scope.CancellationToken)).FirstOrDefault(account => account.Id == serviceAccountId)
        ?? throw CarmenException.NotFound($"Service account '{serviceAccountId}' does not exist.");
}
