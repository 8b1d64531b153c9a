namespace Carmen.Grains.Interfaces.Users;

/// <summary>
/// The user grain's key. A tenant's user is keyed "{tenantId}/{username}", so usernames are unique within their
/// tenant only: one tenant neither takes nor learns another's names. A platform administrator, of no tenant, is keyed
/// by the username alone. Neither part may contain '/'.
/// </summary>
public static class UserKeys
{
    /// <summary>The key of <paramref name="username"/> in <paramref name="tenantId"/>, or of a platform administrator when the tenant is null.</summary>
    public static string Of(string? tenantId, string username) => tenantId is null ? username : $"{tenantId}/{username}";

    /// <summary>The tenant (null for a platform administrator) and the username a key names.</summary>
    public static (string? TenantId, string Username) Parse(string key) =>
        key.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0 ? (key[..slash], key[(slash + 1)..]) : (null, key);
}
