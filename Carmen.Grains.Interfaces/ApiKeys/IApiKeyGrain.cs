namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>One API key, keyed by its id (the prefix every key shows). Checked on every request it signs, in memory.</summary>
[Alias("Carmen.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Makes the key; the answer's second part is the key itself, shown this once.</summary>
    [Alias("Create")]
    Task<(ApiKeyInfo Key, string Secret)> CreateAsync(string tenantId, string principal, string name, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>The key, when <paramref name="presented"/> is it, unrevoked and unexpired; its last use is noted (stored at most once a minute).</summary>
    [Alias("Authenticate")]
    Task<ApiKeyInfo?> AuthenticateAsync(string presented, string? address, CancellationToken cancellationToken = default);

    /// <summary>The key, or null when there is none of this id.</summary>
    [Alias("Get")]
    Task<ApiKeyInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes the key: the next request it signs, on any node, is refused.</summary>
    /// <summary>
    /// Lets the key work until <paramref name="at"/> (or its own expiry, if sooner) because <paramref name="replacedBy"/>
    /// replaces it: the overlap of a rotation, while clients move to the new key. A revoked key stays revoked.
    /// </summary>
    [Alias("Retire")]
    Task<ApiKeyInfo> RetireAsync(DateTimeOffset at, string replacedBy, CancellationToken cancellationToken = default);

    /// <summary>Notes a failed call signed with the key (the last 10 are kept, stored at most once a minute).</summary>
    [Alias("RecordError")]
    Task RecordErrorAsync(ApiKeyError failure, CancellationToken cancellationToken = default);

    /// <summary>The key's latest failed calls, newest first.</summary>
    [Alias("GetErrors")]
    Task<IReadOnlyList<ApiKeyError>> GetErrorsAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the key now.</summary>
    [Alias("Revoke")]
    Task<ApiKeyInfo> RevokeAsync(CancellationToken cancellationToken = default);
}
