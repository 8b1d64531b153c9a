using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Carmen.Api.Auth;

/// <summary>Validates operator tokens against the cached signing keys, then against the user and tenant they name.</summary>
public sealed class JwtBearerSetup(SigningKeyCache keys, IOptions<TokenOptions> options, TokenRevocation revocation) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions bearer)
    {
        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = options.Value.Audience,
            NameClaimType = CarmenClaims.Subject,
            RoleClaimType = CarmenClaims.Role,
            ClockSkew = TimeSpan.FromSeconds(30),
            IssuerSigningKeyResolver = (_, _, _, _) => keys.ValidationKeys,
        };
        bearer.Events = new JwtBearerEvents { OnTokenValidated = revocation.ValidateAsync };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
