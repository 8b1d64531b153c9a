namespace Carmen.Api.Sso;

/// <summary>The addresses of single sign-on: where a sign-in starts, and where providers send the browser back.</summary>
public static class SsoLinks
{
    public static string Login(string baseUrl, string tenantId, string providerId) => $"{baseUrl}/api/v1/auth/sso/{tenantId}/{providerId}/login";

    public static string Callback(string baseUrl) => $"{baseUrl}/api/v1/auth/sso/callback";
}
