namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>Builds the keys of a rollout's grains: the rollout "{tenant}/{id}" and its batches "{tenant}/{id}/{batch}".</summary>
public static class RolloutKeys
{
    /// <summary>
    /// The scope that stands in for the tenant in the keys of platform rollouts (tenants as targets). No tenant id can
    /// take it: tenant ids start with a letter or digit.
    /// </summary>
    public const string PlatformScope = "_platform";

    /// <summary>The rollout grain's key.</summary>
    public static string Rollout(string tenantId, long rolloutId) => TenantScopedKey.Compose(tenantId, rolloutId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The key of one batch of a rollout's targets.</summary>
    public static string Batch(string tenantId, long rolloutId, int batch) =>
        TenantScopedKey.Compose(tenantId, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rolloutId}/{batch}"));

    /// <summary>Splits a rollout key.</summary>
    public static (string TenantId, long RolloutId) ParseRollout(string key)
    {
        (string tenantId, string localId) = TenantScopedKey.Parse(key);
        return (tenantId, long.Parse(localId, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Splits a batch key.</summary>
    public static (string TenantId, long RolloutId, int Batch) ParseBatch(string key)
    {
        (string tenantId, string localId) = TenantScopedKey.Parse(key);
        int separator = localId.IndexOf('/', StringComparison.Ordinal);
        return (tenantId, long.Parse(localId[..separator], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(localId[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
