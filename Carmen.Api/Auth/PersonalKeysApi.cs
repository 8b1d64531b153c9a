using System.Security.Claims;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Auth;

/// <summary>
/// A tenant user's own API keys, for personal automation: a key acts as the user (with the user's roles, as they change)
/// and is revoked with the account. Made only by a user signed in with a token: a key does not make keys, and platform
/// administrators, who are above every tenant, get none.
/// </summary>
public static class PersonalKeysApi
{
    private const int MaxKeysPerUser = 10;

    public static RouteGroupBuilder MapPersonalKeysApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder keys = api.MapGroup("/auth/keys").WithTags("Auth").RequireAuthorization();
        keys.MapPost("/", CreateAsync).WithSummary("Makes an API key acting as the signed-in user; the key is in this answer only.");
        keys.MapGet("/", ListAsync);
        keys.MapPost("/{keyId}/rotate", RotateAsync).WithSummary("Makes a new key in this one's place; the old one works for overlapHours more (default 24).");
        keys.MapDelete("/{keyId}", RevokeAsync);
        return api;
    }

    public static async Task<Created<ApiKeyResponse>> CreateAsync(
        ApiKeyRequest request, ClaimsPrincipal principal, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        (string tenantId, string username) = Owner(principal);
        IUserGrain user = grains.GetGrain<IUserGrain>(UserKeys.Of(tenantId, username));
        if ((await user.GetApiKeyIdsAsync(cancellationToken)).Count >= MaxKeysPerUser)
        {
            throw CarmenException.Conflict($"A user has at most {MaxKeysPerUser} personal API keys; revoke and delete old ones first.");
        }

        (ApiKeyInfo key, string secret) = await ApiKeyRotation.CreateAsync(grains, tenantId, username, request.Name, request.ExpiresAt, username, time, cancellationToken);
        await user.AddApiKeyAsync(key.Id, MaxKeysPerUser, cancellationToken);
        return TypedResults.Created($"/api/v1/auth/keys/{key.Id}", ApiKeyResponse.From(key, secret));
    }

    public static async Task<Ok<IReadOnlyList<ApiKeyResponse>>> ListAsync(ClaimsPrincipal principal, IGrainFactory grains, CancellationToken cancellationToken)
    {
        (string tenantId, string username) = Owner(principal);
        IReadOnlyList<string> ids = await grains.GetGrain<IUserGrain>(UserKeys.Of(tenantId, username)).GetApiKeyIdsAsync(cancellationToken);
        ApiKeyInfo?[] keys = await Task.WhenAll(ids.Select(id => grains.GetGrain<IApiKeyGrain>(id).GetAsync(cancellationToken)));
        return TypedResults.Ok<IReadOnlyList<ApiKeyResponse>>([.. keys.OfType<ApiKeyInfo>().Select(key => ApiKeyResponse.From(key))]);
    }

    public static async Task<Created<ApiKeyRotationResponse>> RotateAsync(
        string keyId, RotateApiKeyRequest request, ClaimsPrincipal principal, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        (string tenantId, string username) = Owner(principal);
        IUserGrain user = grains.GetGrain<IUserGrain>(UserKeys.Of(tenantId, username));
        ApiKeyInfo old = await FindAsync(user, grains, keyId, cancellationToken);
        (ApiKeyInfo key, string secret, ApiKeyInfo previous) = await ApiKeyRotation.RotateAsync(grains, old, request, username, time, cancellationToken);
        await user.AddApiKeyAsync(key.Id, MaxKeysPerUser, cancellationToken);
        return TypedResults.Created($"/api/v1/auth/keys/{key.Id}", new ApiKeyRotationResponse(ApiKeyResponse.From(key, secret), ApiKeyResponse.From(previous)));
    }

    public static async Task<Ok<ApiKeyResponse>> RevokeAsync(string keyId, ClaimsPrincipal principal, IGrainFactory grains, CancellationToken cancellationToken)
    {
        (string tenantId, string username) = Owner(principal);
        await FindAsync(grains.GetGrain<IUserGrain>(UserKeys.Of(tenantId, username)), grains, keyId, cancellationToken);
        return TypedResults.Ok(ApiKeyResponse.From(await grains.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(cancellationToken)));
    }

    private static (string TenantId, string Username) Owner(ClaimsPrincipal principal) =>
        principal.TenantId() is string tenantId && !principal.IsPlatformAdmin() && principal.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim) is null
            ? (tenantId, principal.Actor())
            : throw CarmenException.Forbidden("Personal API keys are made by a tenant's users signed in with a token: not with a key, and not by platform administrators.");

    private static async Task<ApiKeyInfo> FindAsync(IUserGrain user, IGrainFactory grains, string keyId, CancellationToken cancellationToken) =>
        (await user.GetApiKeyIdsAsync(cancellationToken)).Contains(keyId) && await grains.GetGrain<IApiKeyGrain>(keyId).GetAsync(cancellationToken) is ApiKeyInfo key
            ? key
            : throw CarmenException.NotFound($"API key '{keyId}' does not exist.");
}
