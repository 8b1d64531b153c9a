using System.Net;
using System.Security.Claims;
using Carmen.Api.Access;
using Carmen.Api.Audit;
using Carmen.Api.Contracts;
using Carmen.Api.Errors;
using Carmen.Api.Security;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Sso;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.TwoFactor;
using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Auth;

public static class AuthApi
{
    /// <summary>As long as a username may be (the user grain's rule); longer is refused before any grain is asked.</summary>
    private const int MaxUsernameLength = 64;

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder auth = api.MapGroup("/auth").WithTags("Auth").WithProblemResponses(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/token", IssueTokenAsync).AllowAnonymous().WithMetadata(new NotAudited("A sign-in changes nothing; it is a security event."))
            .WithSummary("Exchanges a username and password (and, for a tenant's user, the tenant) for a bearer token.");
        auth.MapPost("/password", ChangePasswordAsync).RequireAuthorization()
            .WithSummary("Changes the signed-in user's password; every earlier token of the user ends, and a fresh one is returned.");
        auth.MapPost("/signing-keys/rotate", RotateSigningKeyAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin)
            .WithSummary("Makes a new token signing key active; tokens signed by the previous key stay valid until they expire.");
        return api;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, IGrainFactory grains, TokenIssuer issuer, SignInGuard guard, AccessIndexCache accessIndexes, SecurityEventSink events,
        SignInDetection detection, TenantNetworkPolicies networkPolicies, HttpContext http, CancellationToken cancellationToken)
    {
        string username = request.Username?.Trim().ToLowerInvariant() ?? "";
        if (username.Length == 0 || username.Length > MaxUsernameLength || username.Contains('/', StringComparison.Ordinal))
        {
            throw CarmenException.Invalid("username", $"A username of 1 to {MaxUsernameLength} characters is required.");
        }

        string? tenantId = string.IsNullOrWhiteSpace(request.Tenant) ? null : Identifiers.RequireSlug(request.Tenant.Trim().ToLowerInvariant(), "tenant");

        IPAddress? address = ClientAddress.Normal(http.Connection.RemoteIpAddress);
        if (guard.RetryAfter(address) is TimeSpan wait)
        {
            events.RecordUser(null, SecurityEventTypes.SignInThrottled, username, http, ("tenant", tenantId));
            return TooMany(http, wait, "Too many failed sign-ins from this address");
        }

        if (await detection.BlockedForAsync(address, cancellationToken) is TimeSpan blocked)
        {
            events.RecordUser(null, SecurityEventTypes.SignInThrottled, username, http, ("tenant", tenantId), ("reason", "credentialStuffing"));
            return TooMany(http, blocked, "This address is blocked after failing to sign in to many accounts");
        }

        // The tenant is asked first: it readies its users (moving those from when usernames were global). An unknown
        // tenant is answered as a wrong password is, after the same work, so tenant ids are not revealed either.
        TenantAccess? tenant = tenantId is null ? null : await grains.GetGrain<ITenantGrain>(tenantId).GetAccessAsync(cancellationToken);
        SignInDecision decision = await grains.GetGrain<IUserGrain>(UserKeys.Of(tenantId, username))
            .SignInAsync(request.Password ?? "", address?.ToString(), cancellationToken);
        // A tenant that does not exist keeps no trail: its failures go to the platform's, naming it.
        string? chain = tenant is { Status: not TenantStatus.None } ? tenantId : null;
        if (chain is not null && !(await networkPolicies.GetAsync(chain, cancellationToken)).SignIn.Permits(address))
        {
            events.RecordUser(chain, SecurityEventTypes.SignInFailed, username, http, ("method", "password"), ("reason", "networkPolicy"));
            return Problem(StatusCodes.Status403Forbidden, $"Tenant '{chain}' does not allow sign-in from this address.");
        }
        if (Refusal(decision, guard, address, http) is ProblemHttpResult refused)
        {
            events.RecordUser(chain, decision.Outcome == SignInOutcome.LockedOut ? SecurityEventTypes.SignInLockedOut : SecurityEventTypes.SignInFailed,
                username, http, ("method", "password"), ("tenant", chain is null ? tenantId : null));
            await detection.FailedAsync(address, username, tenantId, cancellationToken);
            return refused;
        }

        UserInfo user = decision.User!;
        if (tenant is not null && tenant.Status != TenantStatus.Active)
        {
            return Problem(StatusCodes.Status403Forbidden, $"Tenant '{user.TenantId}' is suspended.");
        }

        if (tenantId is not null && await grains.GetGrain<IIdentityProvidersGrain>(tenantId).RequiresSsoAsync(user.Username, cancellationToken))
        {
            return Problem(StatusCodes.Status403Forbidden, $"Tenant '{tenantId}' signs its users in through single sign-on: GET /api/v1/auth/sso/discover?email=...");
        }

        ISecondFactorGrain secondFactor = grains.GetGrain<ISecondFactorGrain>(UserKeys.Of(tenantId, username));
        bool enrollmentOnly = false;
        bool enrolled = (await secondFactor.GetStatusAsync(cancellationToken)).Enrolled;
        if (enrolled)
        {
            if (request.Totp is null && request.RecoveryCode is null)
            {
                return TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status401Unauthorized,
                    "This account signs in with a second factor: send totp, the authenticator app's current code (or recoveryCode).", "totp"));
            }

            switch (await secondFactor.VerifyAsync(request.Totp, request.RecoveryCode, cancellationToken))
            {
                case SecondFactorOutcome.Paused:
                    return TooMany(http, TimeSpan.FromMinutes(5), "Too many wrong second-factor codes for this account");
                case not SecondFactorOutcome.Succeeded:
                    guard.RecordFailure(address);
                    events.RecordUser(chain, SecurityEventTypes.SignInFailed, username, http, ("method", request.Totp is null ? "recoveryCode" : "totp"));
                    await detection.FailedAsync(address, username, tenantId, cancellationToken);
                    return TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status401Unauthorized, "The second-factor code is wrong or was already used.", "totp"));
            }
        }

        bool administrator = user.Role == UserRole.PlatformAdmin
            || tenantId is not null && tenant is not null && await IsAdministratorAsync(accessIndexes, tenantId, tenant, user, cancellationToken);
        if (!enrolled && tenantId is not null)
        {
            enrollmentOnly = await RequiresSecondFactorAsync(grains, tenantId, administrator, cancellationToken);
        }

        (string token, TimeSpan lifetime) = await issuer.IssueAsync(user, decision.SecurityStamp ?? "", tenant?.Incarnation, cancellationToken, enrollmentOnly);
        events.RecordUser(chain, SecurityEventTypes.SignInSucceeded, username, http,
            ("method", request.Totp is not null ? "totp" : request.RecoveryCode is not null ? "recoveryCode" : "password"));
        await detection.SucceededAsync(http, tenantId, user, administrator, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds, SecondFactorEnrollmentRequired: enrollmentOnly ? true : null));
    }

    /// <summary>Whether the tenant's policy (<see cref="TwoFactorPolicy"/>) requires a second factor of this user: of everyone, or of its administrators.</summary>
    private static async Task<bool> RequiresSecondFactorAsync(IGrainFactory grains, string tenantId, bool administrator, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> settings = (await grains.GetGrain<ITenantGrain>(tenantId).GetAsync(cancellationToken)).Settings;
        return settings.ContainsKey(TwoFactorPolicy.SettingKey) && TwoFactorPolicy.Requires(settings, administrator);
    }

    /// <summary>A tenant's administrator manages its users or access somewhere in it.</summary>
    private static async Task<bool> IsAdministratorAsync(
        AccessIndexCache accessIndexes, string tenantId, TenantAccess tenant, UserInfo user, CancellationToken cancellationToken)
    {
        AccessIndex index = await accessIndexes.GetAsync(tenantId, tenant.AccessVersion, cancellationToken);
        return index.HoldsAnywhere(user.Username, Permissions.Of(Permissions.UsersManage))
            || index.HoldsAnywhere(user.Username, Permissions.Of(Permissions.AccessManage));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal principal, IGrainFactory grains, TokenIssuer issuer, SignInGuard guard, HttpContext http,
        CancellationToken cancellationToken)
    {
        IPAddress? address = ClientAddress.Normal(http.Connection.RemoteIpAddress);
        if (guard.RetryAfter(address) is TimeSpan wait)
        {
            return TooMany(http, wait, "Too many failed sign-ins from this address");
        }

        string? tenantId = principal.TenantId();
        SignInDecision decision = await grains.GetGrain<IUserGrain>(UserKeys.Of(tenantId, principal.Actor()))
            .ChangePasswordAsync(request.CurrentPassword ?? "", request.NewPassword ?? "", address?.ToString(), cancellationToken);
        if (Refusal(decision, guard, address, http) is ProblemHttpResult refused)
        {
            return refused.StatusCode == StatusCodes.Status401Unauthorized
                ? throw CarmenException.Invalid("currentPassword", "The current password is wrong.")
                : refused;
        }

        TenantAccess? tenant = tenantId is null ? null : await grains.GetGrain<ITenantGrain>(tenantId).GetAccessAsync(cancellationToken);
        (string token, TimeSpan lifetime) = await issuer.IssueAsync(decision.User!, decision.SecurityStamp ?? "", tenant?.Incarnation, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds));
    }

    public static async Task<NoContent> RotateSigningKeyAsync(SigningKeyCache keys, CancellationToken cancellationToken)
    {
        await keys.RotateAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The answer to a credential check that failed, counted against the address; null (and the address's count reset) when it succeeded.</summary>
    private static ProblemHttpResult? Refusal(SignInDecision decision, SignInGuard guard, IPAddress? address, HttpContext http)
    {
        if (decision.Outcome == SignInOutcome.Succeeded)
        {
            guard.RecordSuccess(address);
            return null;
        }

        guard.RecordFailure(address);
        return decision.Outcome == SignInOutcome.LockedOut
            ? TooMany(http, decision.LockedUntil!.Value - DateTimeOffset.UtcNow, "Too many failed sign-ins; the account is locked")
            : Problem(StatusCodes.Status401Unauthorized, "Unknown username or wrong password.");
    }

    private static ProblemHttpResult TooMany(HttpContext http, TimeSpan wait, string what) =>
        Problem(StatusCodes.Status429TooManyRequests, $"{what}; try again in {RetryAfter.Set(http.Response, wait)} s.");

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(CarmenExceptionHandler.Problem(status, detail, null));
}
