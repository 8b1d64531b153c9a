namespace Carmen.Grains.Interfaces.Users;

/// <summary>
/// One operator account, keyed by <see cref="UserKeys"/>: its tenant and lower-case username (unique within the
/// tenant), or the username alone for a platform administrator. Holds the password hash and the failed-attempt
/// counter behind lockout.
/// </summary>
[Alias("Carmen.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user; conflict when the username is taken in its tenant.</summary>
    [Alias("Create")]
    Task<UserInfo> CreateAsync(UserSpec spec, CancellationToken cancellationToken = default);

    /// <summary>The user, or null when no such user exists.</summary>
    [Alias("Find")]
    Task<UserInfo?> FindAsync(CancellationToken cancellationToken = default);

    /// <summary>What a token of this user must match, or null when the user does not exist. Read on every API request.</summary>
    [Alias("GetAccess"), Orleans.Concurrency.AlwaysInterleave]
    Task<UserAccess?> GetAccessAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a password from <paramref name="address"/> (the client's IP address), counting failures and locking the
    /// account after too many in a row, except for the addresses the user signed in from lately.
    /// </summary>
    [Alias("SignIn")]
    Task<SignInDecision> SignInAsync(string password, string? address = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// An administrator's change: a new role, a new password (which also lifts a lockout), or both. Either ends the
    /// user's tokens (a new security stamp). Not found when the user does not exist.
    /// </summary>
    [Alias("Change")]
    Task<UserInfo> ChangeAsync(UserRole? role, string? newPassword, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user's own change of password: checked and counted like a sign-in with <paramref name="currentPassword"/>;
    /// when it succeeds, every earlier token ends and the decision carries the new stamp for a fresh one.
    /// </summary>
    [Alias("ChangePassword")]
    Task<SignInDecision> ChangePasswordAsync(string currentPassword, string newPassword, string? address = null, CancellationToken cancellationToken = default);

    /// <summary>Records a personal API key of the user; refused (409) past <paramref name="maxKeys"/>.</summary>
    [Alias("AddApiKey")]
    Task AddApiKeyAsync(string keyId, int maxKeys, CancellationToken cancellationToken = default);

    /// <summary>The user's personal API keys (empty for an unknown user).</summary>
    [Alias("GetApiKeyIds")]
    Task<IReadOnlyList<string>> GetApiKeyIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the user, revoking its personal API keys.</summary>
    [Alias("Delete")]
    Task DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets (or, with an empty one, clears) where mail about the account reaches its owner; tokens stay valid.</summary>
    [Alias("SetEmail")]
    Task<UserInfo> SetEmailAsync(string? email, CancellationToken cancellationToken = default);
}
