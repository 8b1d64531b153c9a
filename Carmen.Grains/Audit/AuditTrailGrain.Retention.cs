using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Audit;

/// <summary>
/// Retention: records older than the chain's days are removed once a day, below a checkpoint over the last removed
/// record, so what remains still verifies from that signature. The latest record is always kept.
/// </summary>
public sealed partial class AuditTrailGrain
{
    private const string RetentionReminder = "audit-retention";

    public Task<AuditRetention> GetRetentionAsync(CancellationToken cancellationToken) => RetentionAsync(cancellationToken);

    public async Task<AuditRetention> SetRetentionAsync(int? days, AuditActor actor, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 36_500)
        {
            throw Interfaces.CarmenException.Invalid("days", "Retention is between 1 and 36500 days, or null to keep records for good.");
        }

        state.State.RetentionDays = days;
        await state.WriteStateAsync(cancellationToken);
        if (days is null)
        {
            if (await this.GetReminder(RetentionReminder, cancellationToken) is IGrainReminder reminder)
            {
                await this.UnregisterReminder(reminder, cancellationToken);
            }
        }
        else
        {
            await this.RegisterOrUpdateReminder(RetentionReminder, TimeSpan.FromHours(1), TimeSpan.FromDays(1), cancellationToken);
            await PurgeAsync(cancellationToken);
        }

        return await RetentionAsync(cancellationToken);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => PurgeAsync(CancellationToken.None);

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        if (state.State.RetentionDays is not int days)
        {
            return;
        }

        (_, long? lastOld) = await store.FindAsync(Chain, time.GetUtcNow().AddDays(-days), cancellationToken);
        long through = Math.Min(lastOld ?? 0, _committedId - 1);
        if (through < 1)
        {
            return;
        }

        IReadOnlyList<AuditCheckpoint> checkpoints = await store.ReadCheckpointsAsync(Chain, cancellationToken);
        if (!checkpoints.Any(checkpoint => checkpoint.RecordId == through))
        {
            StoredAuditRecord boundary = (await store.ReadAsync(Chain, through, 1, cancellationToken))[0];
            await SignAsync(boundary.Id, boundary.Hash);
        }

        long removed = await store.DeleteThroughAsync(Chain, through, cancellationToken);
        state.State.LastPurgedAt = time.GetUtcNow();
        await state.WriteStateAsync(cancellationToken);
        await AppendAsync(new AuditEntry(AuditSources.System, AuditActor.System, "audit.purge", "audit", Chain, "tenant", 0,
            [new AuditChange("removedRecords", null, removed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new AuditChange("throughRecord", null, through.ToString(System.Globalization.CultureInfo.InvariantCulture))]), cancellationToken);
    }

    private async Task<AuditRetention> RetentionAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredAuditRecord> first = await store.ReadAsync(Chain, 0, 1, cancellationToken);
        return new AuditRetention(state.State.RetentionDays, state.State.LastPurgedAt, first.Count == 0 ? null : first[0].Id);
    }
}
