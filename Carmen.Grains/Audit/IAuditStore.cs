using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Audit;

/// <summary>
/// Where the audit trail is kept (audit.db in the embedded store, tables audit_records and audit_checkpoints on
/// PostgreSQL). Append-only for the trail's grain; only retention removes records, below a checkpoint.
/// </summary>
public interface IAuditStore
{
    /// <summary>Writes a batch of a chain's records in one transaction.</summary>
    Task AppendAsync(string chain, IReadOnlyList<AuditStoreRow> rows, CancellationToken cancellationToken);

    /// <summary>Reaches the chain's table; throws when it cannot.</summary>
    Task ProbeAsync(string chain, CancellationToken cancellationToken);

    /// <summary>The chain's latest record (number and hash), or null for an empty chain.</summary>
    Task<(long Id, string Hash)?> ReadHeadAsync(string chain, CancellationToken cancellationToken);

    /// <summary>Records matching <paramref name="query"/>, newest first, at most query.Limit.</summary>
    Task<IReadOnlyList<StoredAuditRecord>> QueryAsync(string chain, AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> records from number <paramref name="fromId"/> on, in order.</summary>
    Task<IReadOnlyList<StoredAuditRecord>> ReadAsync(string chain, long fromId, int limit, CancellationToken cancellationToken);

    /// <summary>The first record written at or after <paramref name="at"/>, and the last written before it.</summary>
    Task<(long? FirstAtOrAfter, long? LastBefore)> FindAsync(string chain, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Keeps a checkpoint (a second one over the same record is ignored).</summary>
    Task AppendCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditCheckpoint>> ReadCheckpointsAsync(string chain, CancellationToken cancellationToken);

    /// <summary>Removes records up to <paramref name="lastId"/> and the checkpoints below it; returns how many records.</summary>
    Task<long> DeleteThroughAsync(string chain, long lastId, CancellationToken cancellationToken);

    /// <summary>Keeps a public key beside the records, for verification where the node's secrets are not at hand.</summary>
    Task SavePublicKeyAsync(AuditPublicKey key, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditPublicKey>> ReadPublicKeysAsync(CancellationToken cancellationToken);
}
