namespace Carmen.Grains.Interfaces;

/// <summary>
/// Builds and parses grain keys of the form "{tenantId}/{localId}". Every tenant-owned grain is keyed this way,
/// so a key always names its tenant and a caller holding tenant A's id can never address tenant B's grain.
/// </summary>
public static class TenantScopedKey
{
    private const char Separator = '/';

    /// <summary>The key for <paramref name="localId"/> within <paramref name="tenantId"/>.</summary>
    public static string Compose(string tenantId, string localId) => string.Concat(tenantId, "/", localId);

    /// <summary>Splits a key built by <see cref="Compose"/>.</summary>
    public static (string TenantId, string LocalId) Parse(string key)
    {
        int separator = key.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0 || separator == key.Length - 1)
        {
            throw new ArgumentException($"'{key}' is not a tenant-scoped key.", nameof(key));
        }

        return (key[..separator], key[(separator + 1)..]);
    }
}
