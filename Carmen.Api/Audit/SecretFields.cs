namespace Carmen.Api.Audit;

/// <summary>Which fields never reach the trail in clear: by name, as Carmen's contracts spell them.</summary>
public static class SecretFields
{
    public const string Redacted = "\"[redacted]\"";

    private static readonly string[] s_containing = ["password", "secret", "privatekey", "passphrase", "recovery"];

    private static readonly HashSet<string> s_named = new(StringComparer.OrdinalIgnoreCase) { "key", "apiKey", "code", "otp", "totp", "credentials" };

    /// <summary>True for "password", "clientSecret", "accessToken", "key", a TOTP "code" and the like.</summary>
    public static bool IsSecret(string name) =>
        s_named.Contains(name)
        || name.EndsWith("token", StringComparison.OrdinalIgnoreCase)
        || s_containing.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));
}
