using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Network;
using Carmen.Grains.Interfaces.Sso;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Carmen.Api.Sso;

/// <summary>
/// Carmen as an OpenID Connect relying party (authorization code flow with PKCE): each issuer's discovery document and
/// keys (cached, refreshed by the configuration manager), the code exchange, and the ID token's checks: signature,
/// issuer, audience, lifetime and nonce.
/// </summary>
public sealed class OidcClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IOptions<SsoOptions> _options;
    private readonly ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>> _configurations = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _tokens = new();

    public OidcClient(IOptions<SsoOptions> options)
    {
        _options = options;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Issuers are named by tenants' administrators: connections go to public addresses only, checked after resolution.
            ConnectCallback = options.Value.AllowLocalIssuers ? null : new NetworkGuard([], $"{SsoOptions.SectionName}:AllowLocalIssuers").ConnectAsync,
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>Refuses an issuer that is not an absolute https address (or http on a local network, when allowed).</summary>
    public string ValidIssuer(string? issuer) =>
        Uri.TryCreate(issuer?.Trim(), UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || (_options.Value.AllowLocalIssuers && uri.Scheme == Uri.UriSchemeHttp))
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? issuer!.Trim()
            : throw CarmenException.Invalid("issuer", "The issuer is the provider's https address, without query or fragment (its discovery document is under /.well-known/openid-configuration).");

    /// <summary>The provider's discovery document, whose issuer must be exactly the one configured (OpenID Connect Discovery 4.3).</summary>
    public async Task<OpenIdConnectConfiguration> ConfigurationAsync(string issuer, CancellationToken cancellationToken)
    {
        ConfigurationManager<OpenIdConnectConfiguration> manager = _configurations.GetOrAdd(issuer, _ => new ConfigurationManager<OpenIdConnectConfiguration>(
            issuer.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(_http) { RequireHttps = !_options.Value.AllowLocalIssuers }));
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await manager.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception unreachable) when (!cancellationToken.IsCancellationRequested)
        {
            _configurations.TryRemove(issuer, out _);
            throw new SsoFailedException(StatusCodes.Status502BadGateway, $"The identity provider's discovery document could not be read: {unreachable.GetBaseException().Message}");
        }

        return configuration.Issuer == issuer
            ? configuration
            : throw new SsoFailedException(StatusCodes.Status502BadGateway, $"The provider at {issuer} names itself '{configuration.Issuer}': another issuer is not trusted.");
    }

    /// <summary>Exchanges the code (with the PKCE verifier and Carmen's client credentials) for the ID token.</summary>
    public async Task<string> ExchangeCodeAsync(
        OpenIdConnectConfiguration configuration, IdentityProviderSpec provider, string code, SsoAttempt attempt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = attempt.RedirectUri,
                ["code_verifier"] = attempt.CodeVerifier,
            }),
        };
        // RFC 6749 2.3.1: the client id and secret are form-encoded before they are joined for Basic authentication.
        string credentials = $"{Uri.EscapeDataString(provider.ClientId)}:{Uri.EscapeDataString(provider.ClientSecret ?? "")}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (!response.IsSuccessStatusCode || !body.RootElement.TryGetProperty("id_token", out JsonElement idToken) || idToken.ValueKind != JsonValueKind.String)
        {
            string error = body.RootElement.TryGetProperty("error", out JsonElement code1) ? code1.GetString() ?? "" : $"{(int)response.StatusCode}";
            throw new SsoFailedException(StatusCodes.Status401Unauthorized, $"The identity provider refused the code ({error}); sign in again.");
        }

        return idToken.GetString()!;
    }

    /// <summary>The identity an ID token vouches for, once its signature, issuer, audience, lifetime and nonce check out.</summary>
    public async Task<SsoIdentity> ValidateAsync(OpenIdConnectConfiguration configuration, IdentityProviderSpec provider, string idToken, string nonce)
    {
        TokenValidationResult result = await _tokens.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = provider.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!result.IsValid)
        {
            throw new SsoFailedException(StatusCodes.Status401Unauthorized, $"The ID token is not valid: {result.Exception?.Message ?? "refused"}");
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (!token.TryGetPayloadValue("nonce", out string? said) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(said ?? ""), Encoding.UTF8.GetBytes(nonce)))
        {
            throw new SsoFailedException(StatusCodes.Status401Unauthorized, "The ID token's nonce is not this sign-in's: it was issued for another one.");
        }

        Dictionary<string, IReadOnlyList<string>> claims = token.Claims.GroupBy(claim => claim.Type)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<string>)[.. group.Select(claim => claim.Value)], StringComparer.Ordinal);
        return new SsoIdentity(token.Subject, Single(claims, "email"), Single(claims, "preferred_username"), claims);
    }

    public void Dispose() => _http.Dispose();

    private static string? Single(Dictionary<string, IReadOnlyList<string>> claims, string type) =>
        claims.TryGetValue(type, out IReadOnlyList<string>? values) && values.Count == 1 ? values[0] : null;
}
