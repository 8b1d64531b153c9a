using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Carmen.Api.Security;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Carmen.Api.Auth;

/// <summary>
/// Signs in requests that carry an API key (<c>Authorization: Bearer carmen_...</c>): the key's grain is asked on every
/// request (its memory), so a revoked or expired key is refused at once on every node. The principal is the key's
/// owner, with its tenant; what it may do comes from its role assignments, as for users. Failed keys count against
/// the address like failed sign-ins.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains, SignInGuard guard,
    SecurityEventSink events, SignInDetection detection, TenantNetworkPolicies networkPolicies)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim naming the key a request was signed with.</summary>
    public const string KeyIdClaim = "key_id";

    /// <summary>Whether the request carries an API key rather than a signed token.</summary>
    public static bool Carries(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer " + ApiKeyTokens.Scheme, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Carries(Context))
        {
            return AuthenticateResult.NoResult();
        }

        IPAddress? address = ClientAddress.Normal(Context.Connection.RemoteIpAddress);
        if (guard.RetryAfter(address) is not null)
        {
            return AuthenticateResult.Fail("Too many failed sign-ins from this address.");
        }

        string key = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        ApiKeyInfo? valid = ApiKeyTokens.IdOf(key) is string id
            ? await grains.GetGrain<IApiKeyGrain>(id).AuthenticateAsync(key, address?.ToString(), Context.RequestAborted)
            : null;
        if (valid is null)
        {
            guard.RecordFailure(address);
            // Named by the key's id (its visible prefix), never by the secret part.
            events.Record(null, SecurityEventTypes.ApiKeyRefused, new AuditActor(AuditActorKinds.ServiceAccount, "unknown", ApiKeyTokens.IdOf(key)), address,
                Request.Headers.UserAgent.ToString(), "keys", ApiKeyTokens.IdOf(key) ?? "");
            await detection.FailedAsync(address, "key:" + (ApiKeyTokens.IdOf(key) ?? "malformed"), null, Context.RequestAborted);
            return AuthenticateResult.Fail("The API key is unknown, revoked or expired.");
        }

        if (!(await networkPolicies.GetAsync(valid.TenantId, Context.RequestAborted)).ApiKeys.Permits(address))
        {
            events.Record(valid.TenantId, SecurityEventTypes.ApiKeyRefused, new AuditActor(AuditActorKinds.ServiceAccount, valid.Principal, valid.Id), address,
                Request.Headers.UserAgent.ToString(), "keys", valid.Id, ("reason", "networkPolicy"));
            return AuthenticateResult.Fail($"Tenant '{valid.TenantId}' does not allow its API keys to be used from this address.");
        }

        // The identity type signed tokens produce, so both kinds of caller look alike to everything after authentication.
        var identity = new CaseSensitiveClaimsIdentity(
            [
                new Claim(CarmenClaims.Subject, valid.Principal),
                new Claim(CarmenClaims.Tenant, valid.TenantId),
                new Claim(CarmenClaims.Role, CarmenClaims.RoleName(Grains.Interfaces.Users.UserRole.Member)),
                new Claim(KeyIdClaim, valid.Id),
            ],
            SchemeName,
            CarmenClaims.Subject,
            CarmenClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
