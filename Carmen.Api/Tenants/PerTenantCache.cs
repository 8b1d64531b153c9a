using System.Collections.Concurrent;

namespace Carmen.Api.Tenants;

/// <summary>
/// A tenant's setting as this node last read it, for up to <see cref="Kept"/>: requests check it without a call to
/// its grain. A change made on this node is in force here at once (<see cref="Changed"/>), elsewhere within
/// <see cref="Kept"/>.
/// </summary>
public abstract class PerTenantCache<T>(TimeProvider time)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset ReadAt)> _kept = new(StringComparer.Ordinal);

    /// <summary>How long a value read is used before it is read again.</summary>
    public TimeSpan Kept { get; } = TimeSpan.FromSeconds(5);

    public async ValueTask<T> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_kept.TryGetValue(tenantId, out var kept) && now - kept.ReadAt < Kept)
        {
            return kept.Value;
        }

        T value = await ReadAsync(tenantId, cancellationToken);
        _kept[tenantId] = (value, now);
        return value;
    }

    public void Changed(string tenantId, T value) => _kept[tenantId] = (value, time.GetUtcNow());

    /// <summary>Reads the setting from its grain.</summary>
    protected abstract Task<T> ReadAsync(string tenantId, CancellationToken cancellationToken);
}
