using Carmen.Api.Contracts;
using Carmen.Api.Errors;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Auth;

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder auth = api.MapGroup("/auth").WithTags("Auth");
        auth.MapPost("/token", IssueTokenAsync).AllowAnonymous()
            .WithSummary("Exchanges a username and password for a bearer token.");
        auth.MapPost("/signing-keys/rotate", RotateSigningKeyAsync).RequireAuthorization(CarmenPolicies.PlatformAdmin)
            .WithSummary("Makes a new token signing key active; tokens signed by the previous key stay valid until they expire.");
        return api;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, IGrainFactory grains, TokenIssuer issuer, HttpContext http, CancellationToken cancellationToken)
    {
        string username = request.Username?.Trim().ToLowerInvariant() ?? "";
        if (username.Length == 0 || username.Contains('/', StringComparison.Ordinal))
        {
            throw CarmenException.Invalid("username", "A username is required.");
        }

        SignInDecision decision = await grains.GetGrain<IUserGrain>(username).SignInAsync(request.Password ?? "", cancellationToken);
        switch (decision.Outcome)
        {
            case SignInOutcome.LockedOut:
                int retryAfter = (int)Math.Ceiling(Math.Max(1, (decision.LockedUntil!.Value - DateTimeOffset.UtcNow).TotalSeconds));
                http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(StatusCodes.Status429TooManyRequests, $"Too many failed sign-ins; the account is locked for {retryAfter} s.");
            case SignInOutcome.InvalidCredentials:
                return Problem(StatusCodes.Status401Unauthorized, "Unknown username or wrong password.");
        }

        UserInfo user = decision.User!;
        TenantAccess? tenant = user.TenantId is null ? null : await grains.GetGrain<ITenantGrain>(user.TenantId).GetAccessAsync(cancellationToken);
        if (tenant is not null && tenant.Status != TenantStatus.Active)
        {
            return Problem(StatusCodes.Status403Forbidden, $"Tenant '{user.TenantId}' is suspended.");
        }

        (string token, TimeSpan lifetime) = await issuer.IssueAsync(user, decision.SecurityStamp ?? "", tenant?.Incarnation, cancellationToken);
        return TypedResults.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds));
    }

    public static async Task<NoContent> RotateSigningKeyAsync(SigningKeyCache keys, CancellationToken cancellationToken)
    {
        await keys.RotateAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(CarmenExceptionHandler.Problem(status, detail, null));
}
