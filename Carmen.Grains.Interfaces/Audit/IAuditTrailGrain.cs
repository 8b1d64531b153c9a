namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// One chain of the audit trail (a tenant's, or <see cref="AuditChains.Platform"/>): appends are numbered, chained and
/// committed in batches; reads, verification and export go to the store.
/// </summary>
[Alias("Carmen.IAuditTrailGrain")]
public interface IAuditTrailGrain : IGrainWithStringKey
{
    /// <summary>Records <paramref name="entry"/>; completes once it is committed, with its number.</summary>
    [Alias("Append")]
    Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Records several entries, in order, in one commit.</summary>
    [Alias("AppendMany")]
    Task AppendManyAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="AuditUnavailableException"/> while the chain's store cannot be reached.</summary>
    [Alias("Probe")]
    Task ProbeAsync(CancellationToken cancellationToken = default);

    /// <summary>Records matching <paramref name="query"/>, newest first.</summary>
    [Alias("Query")]
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Walks the whole chain and its checkpoints.</summary>
    [Alias("Verify")]
    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The records written in [since, until), and after them those up to the next checkpoint, so that every record exported
    /// is covered by a signature (the chain is sealed with a fresh checkpoint first when its tail is unsigned).
    /// </summary>
    [Alias("Export")]
    Task<AuditExportPlan> ExportAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> records as stored, from number <paramref name="fromId"/> on, in order.</summary>
    [Alias("ReadStored")]
    Task<IReadOnlyList<StoredAuditRecord>> ReadStoredAsync(long fromId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Writes a checkpoint over the latest record unless one already covers it.</summary>
    [Alias("Seal")]
    Task SealAsync(CancellationToken cancellationToken = default);

    /// <summary>The chain's retention.</summary>
    [Alias("GetRetention")]
    Task<AuditRetention> GetRetentionAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps records for <paramref name="days"/> (null: forever) and removes older ones now.</summary>
    [Alias("SetRetention")]
    Task<AuditRetention> SetRetentionAsync(int? days, AuditActor actor, CancellationToken cancellationToken = default);
}
