namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>A tenant's service-account keys that still work (neither revoked nor expired), each with its account.</summary>
public static class LiveServiceAccountKeys
{
    /// <summary>Reads them from the tenant's service accounts and each key's grain.</summary>
    public static async Task<IReadOnlyList<(ApiKeyInfo Key, string ServiceAccountId)>> ReadAsync(
        IGrainFactory grains, string tenantId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<ServiceAccountInfo> accounts = await grains.GetGrain<IServiceAccountsGrain>(tenantId).GetServiceAccountsAsync(cancellationToken);
        (string KeyId, string AccountId)[] keyIds = [.. accounts.SelectMany(account => account.KeyIds.Select(keyId => (keyId, account.Id)))];
        ApiKeyInfo?[] keys = await Task.WhenAll(keyIds.Select(entry => grains.GetGrain<IApiKeyGrain>(entry.KeyId).GetAsync(cancellationToken)));
        var live = new List<(ApiKeyInfo, string)>(keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] is ApiKeyInfo key && key.RevokedAt is null && !(key.ExpiresAt <= now))
            {
                live.Add((key, keyIds[i].AccountId));
            }
        }

        return live;
    }
}
