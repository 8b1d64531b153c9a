using System.Security.Claims;
using Carmen.Grains.Interfaces.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Carmen.Api.Auth;

/// <summary>Signs operator tokens (HS256) carrying user, tenant and role.</summary>
public sealed class TokenIssuer(SigningKeyCache keys, IOptions<TokenOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A token for <paramref name="user"/>, bound to its security stamp and its tenant's incarnation, which every request checks.</summary>
    public async Task<(string Token, TimeSpan Lifetime)> IssueAsync(
        UserInfo user, string securityStamp, string? tenantIncarnation, CancellationToken cancellationToken, bool enrollmentOnly = false)
    {
        SymmetricSecurityKey key = await keys.GetActiveKeyAsync(cancellationToken);
        DateTime now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(CarmenClaims.Subject, user.Username),
            new(CarmenClaims.Role, CarmenClaims.RoleName(user.Role)),
            new(CarmenClaims.SecurityStamp, securityStamp),
        };
        if (user.TenantId is not null)
        {
            claims.Add(new Claim(CarmenClaims.Tenant, user.TenantId));
            claims.Add(new Claim(CarmenClaims.TenantIncarnation, tenantIncarnation ?? ""));
        }

        if (enrollmentOnly)
        {
            claims.Add(new Claim(CarmenClaims.EnrollmentOnly, "true"));
        }

        string token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.TokenLifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return (token, options.Value.TokenLifetime);
    }
}
