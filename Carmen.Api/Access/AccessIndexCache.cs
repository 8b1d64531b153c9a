using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Access;

/// <summary>
/// Each tenant's <see cref="AccessIndex"/>, built once per access version and shared by every request of this node.
/// The version arrives with the tenant's status, which every request reads anyway, so a change made on any node is in
/// force here on the next request, at the cost of one snapshot fetch; concurrent requests share that fetch.
/// </summary>
public sealed class AccessIndexCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, Task<Entry>> _entries = new(StringComparer.Ordinal);

    public async ValueTask<AccessIndex> GetAsync(string tenantId, string version, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(tenantId, out Task<Entry>? cached) && cached.IsCompletedSuccessfully && cached.Result.Version == version)
        {
            return cached.Result.Index;
        }

        Task<Entry> pending = _entries.AddOrUpdate(
            tenantId,
            _ => FetchAsync(tenantId),
            (_, existing) => !existing.IsCompleted || (existing.IsCompletedSuccessfully && existing.Result.Version == version) ? existing : FetchAsync(tenantId));
        Entry entry = await AwaitAsync(tenantId, pending, cancellationToken);
        if (entry.Version != version)
        {
            // A fetch begun before the change that moved the version: fetch once more, after it.
            Task<Entry> again = FetchAsync(tenantId);
            _entries[tenantId] = again;
            entry = await AwaitAsync(tenantId, again, cancellationToken);
        }

        return entry.Index;
    }

    private async Task<Entry> AwaitAsync(string tenantId, Task<Entry> pending, CancellationToken cancellationToken)
    {
        try
        {
            return await pending.WaitAsync(cancellationToken);
        }
        catch (Exception) when (pending.IsFaulted)
        {
            _entries.TryRemove(new KeyValuePair<string, Task<Entry>>(tenantId, pending));
            throw;
        }
    }

    private async Task<Entry> FetchAsync(string tenantId)
    {
        // Not a request's token: concurrent requests share the fetch, and one of them giving up must not fail the others.
        AccessSnapshot snapshot = await grains.GetGrain<ITenantAccessGrain>(tenantId).GetAccessSnapshotAsync(CancellationToken.None);
        return new Entry(snapshot.Version, snapshot.ToIndex());
    }

    private sealed record Entry(string Version, AccessIndex Index);
}
