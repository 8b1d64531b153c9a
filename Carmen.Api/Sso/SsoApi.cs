using System.Security.Cryptography;
using System.Text;
using Carmen.Api.Access;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Errors;
using Carmen.Api.Security;
using Carmen.Api.Hosting;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Invitations;
using Carmen.Grains.Interfaces.Sso;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Carmen.Api.Sso;

/// <summary>
/// Single sign-on per tenant through OpenID Connect: the tenant's providers, home-realm discovery by email domain, and
/// the authorization code flow with PKCE, state and nonce, after which Carmen issues its own token as for a password.
/// </summary>
public static class SsoApi
{
    private static readonly string[] s_defaultScopes = ["openid", "email", "profile"];

    public static RouteGroupBuilder MapIdentityProvidersApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder providers = tenant.MapGroup("/identity-providers").WithTags("Single sign-on").RequirePermission(Permissions.AccessManage);
        providers.MapGet("/", ListAsync);
        providers.MapGet("/{providerId}", GetAsync);
        providers.MapPut("/{providerId}", PutAsync).WithSummary("Creates or replaces an OpenID Connect provider: issuer, client, scopes, email domains, claim-to-role mappings, required.");
        providers.MapDelete("/{providerId}", DeleteAsync);
        return tenant;
    }

    public static RouteGroupBuilder MapSsoApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder sso = api.MapGroup("/auth/sso").WithTags("Single sign-on").AllowAnonymous();
        sso.MapGet("/discover", DiscoverAsync).WithSummary("The tenant provider that signs in users of this email's domain (home-realm discovery).");
        sso.MapGet("/{tenantId}/{providerId}/login", LoginAsync).WithSummary("Sends the browser to the provider to sign in (authorization code flow with PKCE).");
        sso.MapGet("/callback", CallbackAsync).WithSummary("Where the provider sends the browser back; answers Carmen's token.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<IdentityProviderResponse>>> ListAsync([AsParameters] TenantScope scope, IOptions<PublicUrlOptions> urls) =>
        TypedResults.Ok<IReadOnlyList<IdentityProviderResponse>>(
            [.. (await Providers(scope).ListAsync(scope.CancellationToken)).Select(spec => IdentityProviderResponse.From(spec, scope.TenantId, urls.Value.BaseUrlFor(scope.Http.Request)))]);

    public static async Task<Ok<IdentityProviderResponse>> GetAsync([AsParameters] TenantScope scope, string providerId, IOptions<PublicUrlOptions> urls) =>
        TypedResults.Ok(IdentityProviderResponse.From(
            (await Providers(scope).GetAsync(providerId, scope.CancellationToken)) with { ClientSecret = null }, scope.TenantId, urls.Value.BaseUrlFor(scope.Http.Request)));

    public static async Task<Ok<IdentityProviderResponse>> PutAsync(
        [AsParameters] TenantScope scope, string providerId, IdentityProviderRequest request, OidcClient oidc, IOptions<PublicUrlOptions> urls)
    {
        if (request.Type is not (null or "oidc"))
        {
            throw CarmenException.Invalid("type", "The provider type is \"oidc\" (OpenID Connect).");
        }

        string[] domains = [.. (request.EmailDomains ?? []).Select(domain => domain.Trim().ToLowerInvariant())];
        if (domains.Any(domain => Uri.CheckHostName(domain) != UriHostNameType.Dns || !domain.Contains('.', StringComparison.Ordinal)))
        {
            throw CarmenException.Invalid("emailDomains", "Email domains are DNS names such as example.com.");
        }

        var spec = new IdentityProviderSpec(
            providerId,
            oidc.ValidIssuer(request.Issuer),
            request.ClientId is { Length: > 0 } clientId ? clientId : throw CarmenException.Invalid("clientId", "clientId is required: Carmen's client at the provider."),
            request.ClientSecret,
            request.Scopes is { Count: > 0 } scopes ? [.. scopes.Union(["openid"])] : s_defaultScopes,
            domains,
            [.. (request.RoleMappings ?? []).Select((mapping, i) => mapping.ToMapping($"roleMappings[{i}]"))],
            request.Required ?? false,
            [.. (request.BreakGlass ?? []).Select(name => name.Trim().ToLowerInvariant())],
            request.CreateUsers ?? true);
        IdentityProviderSpec stored = await Providers(scope).PutAsync(spec, scope.Actor, scope.CancellationToken);
        return TypedResults.Ok(IdentityProviderResponse.From(stored, scope.TenantId, urls.Value.BaseUrlFor(scope.Http.Request)));
    }

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, string providerId)
    {
        await Providers(scope).DeleteAsync(providerId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SsoDiscoveryResponse>> DiscoverAsync(string? email, IGrainFactory grains, IOptions<PublicUrlOptions> urls, HttpContext http, CancellationToken cancellationToken)
    {
        string domain = email?.Trim() is { } given && given.LastIndexOf('@') is int at and > 0 && at < given.Length - 1
            ? given[(at + 1)..].ToLowerInvariant()
            : throw CarmenException.Invalid("email", "An email address is required.");
        (string tenantId, string providerId) = await grains.GetGrain<IIdentityProviderDirectoryGrain>(IIdentityProviderDirectoryGrain.Key).FindAsync(domain, cancellationToken)
            ?? throw CarmenException.NotFound($"No identity provider signs in users of {domain}; sign in with a username and password.");
        return TypedResults.Ok(new SsoDiscoveryResponse(tenantId, providerId, SsoLinks.Login(urls.Value.BaseUrlFor(http.Request), tenantId, providerId)));
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> LoginAsync(
        string tenantId, string providerId, string? invitation, IGrainFactory grains, OidcClient oidc, IOptions<PublicUrlOptions> urls, HttpContext http,
        CancellationToken cancellationToken)
    {
        IdentityProviderSpec provider = await ProviderAsync(grains, tenantId, providerId, cancellationToken);
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await oidc.ConfigurationAsync(provider.Issuer, cancellationToken);
        }
        catch (SsoFailedException failure)
        {
            return TypedResults.Problem(CarmenExceptionHandler.Problem(failure.Status, failure.Message, null));
        }

        string state = Random();
        string verifier = Random();
        var attempt = new SsoAttempt(tenantId, providerId, Random(), verifier, SsoLinks.Callback(urls.Value.BaseUrlFor(http.Request)),
            InvitationTokens.TenantOf(invitation) == tenantId ? invitation : null);
        await grains.GetGrain<ISsoAttemptGrain>(TokenHashes.Of(state)).BeginAsync(attempt, cancellationToken);
        string challenge = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.ClientId,
            ["redirect_uri"] = attempt.RedirectUri,
            ["scope"] = string.Join(' ', provider.Scopes),
            ["state"] = state,
            ["nonce"] = attempt.Nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        return TypedResults.Redirect(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, query));
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> CallbackAsync(
        string? code, string? state, string? error, IGrainFactory grains, OidcClient oidc, TokenIssuer issuer, SignInGuard guard, SecurityEventSink events,
        HttpContext http, CancellationToken cancellationToken)
    {
        SsoAttempt attempt = state is { Length: > 0 } && await grains.GetGrain<ISsoAttemptGrain>(TokenHashes.Of(state)).TakeAsync(cancellationToken) is SsoAttempt taken
            ? taken
            : throw CarmenException.Invalid("state", "This sign-in is unknown, already used or too old (state): start it again.");
        try
        {
            if (error is not null || code is null)
            {
                throw new SsoFailedException(StatusCodes.Status401Unauthorized, $"The identity provider did not sign you in ({error ?? "no code"}).");
            }

            IdentityProviderSpec provider = await ProviderAsync(grains, attempt.TenantId, attempt.ProviderId, cancellationToken);
            OpenIdConnectConfiguration configuration = await oidc.ConfigurationAsync(provider.Issuer, cancellationToken);
            string idToken = await oidc.ExchangeCodeAsync(configuration, provider, code, attempt, cancellationToken);
            SsoIdentity identity = await oidc.ValidateAsync(configuration, provider, idToken, attempt.Nonce);
            TenantAccess tenant = await grains.GetGrain<ITenantGrain>(attempt.TenantId).GetAccessAsync(cancellationToken);
            if (tenant.Status != TenantStatus.Active)
            {
                return TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status403Forbidden, $"Tenant '{attempt.TenantId}' is suspended.", null));
            }

            IInvitationsGrain invitations = grains.GetGrain<IInvitationsGrain>(attempt.TenantId);
            bool invited = attempt.InvitationToken is string invitation
                && (await invitations.PreviewAsync(invitation, cancellationToken)).Status == InvitationStatus.Pending;
            UserInfo user = await grains.GetGrain<IIdentityProvidersGrain>(attempt.TenantId).SignInAsync(attempt.ProviderId, identity, invited, cancellationToken);
            if (invited)
            {
                await invitations.AcceptSignedInAsync(attempt.InvitationToken!, user.Username, ClientAddress.Normal(http.Connection.RemoteIpAddress)?.ToString(), cancellationToken);
            }

            UserAccess access = await grains.GetGrain<IUserGrain>(UserKeys.Of(attempt.TenantId, user.Username)).GetAccessAsync(cancellationToken)
                ?? throw CarmenException.NotFound("The user no longer exists.");
            (string token, TimeSpan lifetime) = await issuer.IssueAsync(user, access.SecurityStamp, tenant.Incarnation, cancellationToken);
            events.RecordUser(attempt.TenantId, SecurityEventTypes.SignInSucceeded, user.Username, http, ("method", "sso"), ("provider", attempt.ProviderId));
            return TypedResults.Ok(new TokenResponse(token, (int)lifetime.TotalSeconds));
        }
        catch (SsoFailedException failure)
        {
            guard.RecordFailure(ClientAddress.Normal(http.Connection.RemoteIpAddress));
            events.Record(attempt.TenantId, SecurityEventTypes.SignInFailed, new AuditActor(AuditActorKinds.User, "unknown"),
                ClientAddress.Normal(http.Connection.RemoteIpAddress), http.Request.Headers.UserAgent.ToString(), "identity-providers", attempt.ProviderId,
                ("method", "sso"), ("reason", failure.Message));
            return TypedResults.Problem(CarmenExceptionHandler.Problem(failure.Status, failure.Message, null));
        }
    }

    private static async Task<IdentityProviderSpec> ProviderAsync(IGrainFactory grains, string tenantId, string providerId, CancellationToken cancellationToken) =>
        Identifiers.IsValidSlug(tenantId) && Identifiers.IsValidSlug(providerId)
            ? await grains.GetGrain<IIdentityProvidersGrain>(tenantId).GetAsync(providerId, cancellationToken)
            : throw CarmenException.NotFound($"Identity provider '{providerId}' does not exist.");

    private static IIdentityProvidersGrain Providers(TenantScope scope) => scope.Grain<IIdentityProvidersGrain>(scope.TenantId);

    private static string Random() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
