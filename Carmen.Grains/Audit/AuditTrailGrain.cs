using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Orleans.Concurrency;

namespace Carmen.Grains.Audit;

/// <summary>
/// One chain of the audit trail. An append is numbered and chained within one turn, then waits for the next commit:
/// whatever arrived while the previous batch was being written goes in one transaction (group commit), so the cost of
/// a commit is shared by every caller waiting on it. Every <see cref="AuditOptions.CheckpointEveryRecords"/> records,
/// every <see cref="AuditOptions.CheckpointInterval"/> and on deactivation the latest record is signed (Ed25519).
/// </summary>
[GrainType("audit-trail")]
[Reentrant] // appends interleave while a batch commits (that is the group commit); numbering and chaining never await
public sealed partial class AuditTrailGrain(
    [PersistentState("audit", StorageNames.Tenants)] IPersistentState<AuditTrailState> state,
    IAuditStore store,
    IEnumerable<ISecurityEventForwarder> forwarders,
    IOptions<AuditOptions> options,
    [FromKeyedServices(AuditTrailGrain.ClockKey)] TimeProvider time,
    ILogger<AuditTrailGrain> logger) : Grain, IAuditTrailGrain, IRemindable
{
    /// <summary>The key of the clock records are stamped with (the system clock, unless a test moves it).</summary>
    public const string ClockKey = "audit";

    private readonly ISecurityEventForwarder[] _forwarders = [.. forwarders];
    private long _headId;
    private string _headHash = AuditRecordFormat.Genesis;
    private long _committedId;
    private string _committedHash = AuditRecordFormat.Genesis;
    private long _signedId;
    private List<PendingAppend> _pending = [];
    private Task? _flushing;
    private Key? _key;
    private string _keyId = "";

    private string Chain => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await store.ReadHeadAsync(Chain, cancellationToken) is (long id, string hash))
        {
            (_headId, _headHash, _committedId, _committedHash) = (id, hash, id, hash);
        }

        IReadOnlyList<AuditCheckpoint> checkpoints = await store.ReadCheckpointsAsync(Chain, cancellationToken);
        _signedId = checkpoints.Count == 0 ? 0 : checkpoints.Max(checkpoint => checkpoint.RecordId);
        // The key now rather than at the first checkpoint, which may come as the silo shuts down and other grains with it.
        await SigningKeyAsync();
        TimeSpan every = options.Value.CheckpointInterval;
        this.RegisterGrainTimer(static (grain, _) => grain.SignTailAsync(), this, new GrainTimerCreationOptions(every, every));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_flushing is Task flushing)
        {
            await flushing;
        }

        await SignTailAsync();
        _key?.Dispose();
    }

    public Task<long> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        Task<long> committed = Enqueue(entry);
        StartCommitting();
        return committed;
    }

    public Task AppendManyAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        Task<long>[] committed = [.. entries.Select(Enqueue)];
        StartCommitting();
        return Task.WhenAll(committed);
    }

    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.ProbeAsync(Chain, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new AuditUnavailableException(Chain, failure.Message);
        }
    }

    public async Task SealAsync(CancellationToken cancellationToken)
    {
        if (_flushing is Task flushing)
        {
            await flushing;
        }

        await SignTailAsync();
    }

    private Task<long> Enqueue(AuditEntry entry)
    {
        // Milliseconds, as the record's text carries them, so the time searched by and the time hashed agree.
        DateTimeOffset at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        long id = ++_headId;
        string body = AuditRecordFormat.Write(Chain, id, at, entry, _headHash);
        _headHash = AuditRecordFormat.Hash(body);
        var pending = new PendingAppend(new AuditStoreRow(
            id, at, entry.Source, entry.Actor.Name, entry.Action, entry.TargetType, entry.TargetId, entry.Address, body, _headHash));
        _pending.Add(pending);
        return pending.Committed;
    }

    private void StartCommitting()
    {
        if (_flushing is null || _flushing.IsCompleted)
        {
            _flushing = CommitPendingAsync();
        }
    }

    private async Task CommitPendingAsync()
    {
        while (_pending.Count > 0)
        {
            List<PendingAppend> batch = _pending;
            _pending = [];
            try
            {
                await store.AppendAsync(Chain, [.. batch.Select(pending => pending.Row)], CancellationToken.None);
            }
            catch (Exception failure)
            {
                // What was numbered after the last stored record links to records that are not stored: all of it fails,
                // and numbering resumes from the store's head.
                List<PendingAppend> abandoned = [.. batch, .. _pending];
                _pending = [];
                (_headId, _headHash) = (_committedId, _committedHash);
                LogAppendFailed(failure, Chain, abandoned.Count);
                CarmenDiagnostics.AuditAppendFailures.Add(abandoned.Count);
                var unavailable = new AuditUnavailableException(Chain, failure.Message);
                abandoned.ForEach(pending => pending.Fail(unavailable));
                continue;
            }

            (_committedId, _committedHash) = (batch[^1].Row.Id, batch[^1].Row.Hash);
            batch.ForEach(pending => pending.Succeed());
            if (_forwarders.Length > 0)
            {
                AuditStoreRow[] committed = [.. batch.Select(pending => pending.Row)];
                Array.ForEach(_forwarders, forwarder => forwarder.Forward(Chain, committed));
            }

            CarmenDiagnostics.AuditBatchSize.Record(batch.Count);
            foreach (IGrouping<string, PendingAppend> source in batch.GroupBy(pending => pending.Row.Source))
            {
                CarmenDiagnostics.AuditRecords.Add(source.Count(), new KeyValuePair<string, object?>("source", source.Key));
            }

            if (_committedId - _signedId >= options.Value.CheckpointEveryRecords)
            {
                await SignTailAsync();
            }
        }
    }

    /// <summary>Signs the latest committed record unless a checkpoint covers it already.</summary>
    private async Task SignTailAsync()
    {
        if (_committedId <= _signedId)
        {
            return;
        }

        try
        {
            await SignAsync(_committedId, _committedHash);
        }
        catch (Exception failure)
        {
            // The records stay chained; the next checkpoint covers them.
            LogCheckpointFailed(failure, Chain, _committedId);
        }
    }

    private async Task SignAsync(long recordId, string recordHash)
    {
        Key key = await SigningKeyAsync();
        AuditCheckpoint checkpoint = AuditSignatures.Sign(key, _keyId, Chain, recordId, recordHash, time.GetUtcNow());
        await store.AppendCheckpointAsync(checkpoint, CancellationToken.None);
        _signedId = Math.Max(_signedId, recordId);
    }

    private async Task<Key> SigningKeyAsync()
    {
        if (_key is null)
        {
            AuditSigningKey signing = await GrainFactory.GetGrain<IAuditSigningKeyGrain>(0).GetSigningKeyAsync();
            await store.SavePublicKeyAsync(signing.PublicKey, CancellationToken.None);
            _key ??= AuditSignatures.ImportKey(signing.PrivateSeed);
            _keyId = signing.KeyId;
        }

        return _key;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit trail {Chain}: {Count} record(s) could not be stored")]
    private partial void LogAppendFailed(Exception exception, string chain, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit trail {Chain}: the checkpoint over record {RecordId} could not be written")]
    private partial void LogCheckpointFailed(Exception exception, string chain, long recordId);
}
