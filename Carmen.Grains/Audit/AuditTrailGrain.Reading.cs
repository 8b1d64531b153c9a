using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Audit;

/// <summary>Search, verification and export: all read the store, none stops appends.</summary>
public sealed partial class AuditTrailGrain
{
    private const int VerifyPage = 5000;

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        AuditQuery bounded = query with { Limit = Math.Clamp(query.Limit, 1, 1000) };
        IReadOnlyList<StoredAuditRecord> stored = await store.QueryAsync(Chain, bounded, cancellationToken);
        return new AuditPage([.. stored.Select(AuditRecordFormat.Read)], stored.Count == bounded.Limit ? stored[^1].Id : null);
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditPublicKey> trusted = await GrainFactory.GetGrain<IAuditSigningKeyGrain>(0).GetPublicKeysAsync(cancellationToken);
        var verifier = new AuditChainVerifier(Chain, await store.ReadCheckpointsAsync(Chain, cancellationToken), trusted);
        await VerifyStoredAsync(store, Chain, verifier, cancellationToken);
        return verifier.Finish();
    }

    /// <summary>Feeds a chain's stored records to <paramref name="verifier"/> page by page (the offline command does the same).</summary>
    public static async Task VerifyStoredAsync(IAuditStore store, string chain, AuditChainVerifier verifier, CancellationToken cancellationToken)
    {
        long next = 0;
        while (true)
        {
            IReadOnlyList<StoredAuditRecord> page = await store.ReadAsync(chain, next, VerifyPage, cancellationToken);
            foreach (StoredAuditRecord record in page)
            {
                if (!verifier.Add(record))
                {
                    return;
                }
            }

            if (page.Count < VerifyPage)
            {
                return;
            }

            next = page[^1].Id + 1;
        }
    }

    public async Task<AuditExportPlan> ExportAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await SealAsync(cancellationToken);
        (long? first, _) = await store.FindAsync(Chain, since, cancellationToken);
        (_, long? lastBefore) = await store.FindAsync(Chain, until, cancellationToken);
        IReadOnlyList<AuditCheckpoint> checkpoints = await store.ReadCheckpointsAsync(Chain, cancellationToken);
        if (first is not long firstId || lastBefore is not long lastId || firstId > lastId)
        {
            return new AuditExportPlan(Chain, 1, 0, [], []);
        }

        // Up to the checkpoint that covers the period's last record, so every record exported is under a signature.
        long through = checkpoints.Where(checkpoint => checkpoint.RecordId >= lastId).Select(checkpoint => checkpoint.RecordId).DefaultIfEmpty(lastId).Min();
        AuditCheckpoint[] covering = [.. checkpoints.Where(checkpoint => checkpoint.RecordId >= firstId && checkpoint.RecordId <= through)];
        IReadOnlyList<AuditPublicKey> keys = await GrainFactory.GetGrain<IAuditSigningKeyGrain>(0).GetPublicKeysAsync(cancellationToken);
        return new AuditExportPlan(Chain, firstId, through, covering, [.. keys.Where(key => covering.Any(checkpoint => checkpoint.KeyId == key.KeyId))]);
    }

    public Task<IReadOnlyList<StoredAuditRecord>> ReadStoredAsync(long fromId, int limit, CancellationToken cancellationToken) =>
        store.ReadAsync(Chain, fromId, Math.Clamp(limit, 1, VerifyPage), cancellationToken);
}
