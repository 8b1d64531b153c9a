using System.Net;
using System.Security.Claims;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.TwoFactor;
using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Carmen.Api.Auth;

/// <summary>
/// The signed-in user's own TOTP second factor: enrol (a secret and its otpauth URI), confirm with a first code (ten
/// recovery codes, shown once, and a full token), read whether it is on, and remove it with the password.
/// </summary>
public static class SecondFactorApi
{
    private const string Issuer = "Carmen";

    public static RouteGroupBuilder MapSecondFactorApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder totp = api.MapGroup("/auth/totp").WithTags("Auth").RequireAuthorization();
        totp.MapGet("/", GetAsync).WithSummary("Whether the signed-in user signs in with a second factor, and how many recovery codes are left.");
        totp.MapPost("/enroll", EnrollAsync).WithSummary("Offers a new TOTP secret; it becomes the second factor once confirmed with a code from the app.");
        totp.MapPost("/confirm", ConfirmAsync).WithSummary("Confirms the offered secret with the app's current code; answers ten recovery codes (shown once) and a fresh token.");
        totp.MapDelete("/", RemoveAsync).WithSummary("Removes the signed-in user's second factor; takes the password.");
        return api;
    }

    public static async Task<Ok<SecondFactorStatusResponse>> GetAsync(ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(SecondFactorStatusResponse.From(await Factor(grains, user).GetStatusAsync(cancellationToken)));

    public static async Task<Ok<TotpEnrollmentResponse>> EnrollAsync(ClaimsPrincipal user, IGrainFactory grains, CancellationToken cancellationToken)
    {
        string account = user.TenantId() is string tenant ? $"{user.Actor()}@{tenant}" : user.Actor();
        return TypedResults.Ok(TotpEnrollmentResponse.From(await Factor(grains, user).BeginEnrollmentAsync(Issuer, account, cancellationToken)));
    }

    public static async Task<Ok<TotpConfirmedResponse>> ConfirmAsync(
        TotpCodeRequest request, ClaimsPrincipal user, IGrainFactory grains, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> codes = await Factor(grains, user).ConfirmEnrollmentAsync(
            request.Code ?? throw CarmenException.Invalid("code", "code is required: the app's current 6-digit code."), cancellationToken);
        IUserGrain account = grains.GetGrain<IUserGrain>(UserKeys.Of(user.TenantId(), user.Actor()));
        UserInfo info = await account.FindAsync(cancellationToken) ?? throw CarmenException.NotFound("The user no longer exists.");
        UserAccess access = (await account.GetAccessAsync(cancellationToken))!;
        TenantAccess? tenant = info.TenantId is null ? null : await grains.GetGrain<ITenantGrain>(info.TenantId).GetAccessAsync(cancellationToken);
        (string token, TimeSpan lifetime) = await issuer.IssueAsync(info, access.SecurityStamp, tenant?.Incarnation, cancellationToken);
        return TypedResults.Ok(new TotpConfirmedResponse(codes, token, (int)lifetime.TotalSeconds));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        [FromBody] RemoveSecondFactorRequest request, ClaimsPrincipal user, IGrainFactory grains, SignInGuard guard, HttpContext http, CancellationToken cancellationToken)
    {
        IPAddress? address = ClientAddress.Normal(http.Connection.RemoteIpAddress);
        SignInDecision decision = await grains.GetGrain<IUserGrain>(UserKeys.Of(user.TenantId(), user.Actor()))
            .SignInAsync(request.Password ?? "", address?.ToString(), cancellationToken);
        if (decision.Outcome != SignInOutcome.Succeeded)
        {
            guard.RecordFailure(address);
            throw CarmenException.Invalid("password", "The password is wrong.");
        }

        await Factor(grains, user).RemoveAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ISecondFactorGrain Factor(IGrainFactory grains, ClaimsPrincipal user) =>
        grains.GetGrain<ISecondFactorGrain>(UserKeys.Of(user.TenantId(), user.Actor()));
}
