namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>
/// How a service account is named where principals meet (role assignments, tokens, records): "sa:" and its id, which
/// no username can be, since usernames never hold a colon.
/// </summary>
public static class ServiceAccounts
{
    /// <summary>The prefix of a service account's principal.</summary>
    public const string Prefix = "sa:";

    /// <summary>The principal of service account <paramref name="id"/>.</summary>
    public static string Principal(string id) => Prefix + id;

    /// <summary>The service account a principal names, or null for a user.</summary>
    public static string? IdOf(string principal) => principal.StartsWith(Prefix, StringComparison.Ordinal) ? principal[Prefix.Length..] : null;
}
