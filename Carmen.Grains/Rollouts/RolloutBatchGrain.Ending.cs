using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>How a batch ends or starts over: cancel, rollback, retry of its failures, and erasure with its rollout.</summary>
public sealed partial class RolloutBatchGrain
{
    public async Task<BatchProgress> CancelAsync(CancellationToken cancellationToken)
    {
        Close(rollback: false);
        EnsureWorking();
        await SaveIfChangedAsync(cancellationToken);
        return Progress(0);
    }

    public async Task<BatchProgress> RollbackAsync(CancellationToken cancellationToken)
    {
        Close(rollback: true);
        EnsureWorking();
        await SaveIfChangedAsync(cancellationToken);
        return Progress(0);
    }

    public async Task<int> RetryFailedAsync(CancellationToken cancellationToken)
    {
        if (batch.State.Closed)
        {
            return 0;
        }

        int retried = 0;
        foreach (RolloutMember member in batch.State.Members.Where(member => member.Status == MemberStatus.Failed))
        {
            (member.Status, member.Attempts, member.Reason, member.DueAt) = (MemberStatus.Scheduled, 0, null, null);
            retried++;
        }

        _dirty |= retried > 0;
        await SaveIfChangedAsync(cancellationToken);
        return retried;
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        if (batch.State.Posted)
        {
            await inbox.RecallAsync(Key.TenantId, Key.RolloutId, Key.Batch, cancellationToken);
        }

        await batch.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    private void Close(bool rollback)
    {
        _ = Plan;
        batch.State.Closed = true;
        _allowance = 0;
        long target = Plan.Deployment.DistributionSetId;
        foreach (RolloutMember member in batch.State.Members)
        {
            switch (member.Status)
            {
                case MemberStatus.Scheduled:
                    (member.Status, member.Reason) = (MemberStatus.Canceled, rollback ? "Rollout rolled back before this device was notified." : "Rollout canceled before this device was notified.");
                    break;
                case MemberStatus.Running:
                    member.Chore = MemberChore.Withdraw;
                    break;
                case MemberStatus.Succeeded or MemberStatus.Verifying or MemberStatus.Failed
                    when rollback && member.PreviousDistributionSetId is long previous && previous != target:
                    member.Chore = MemberChore.Rollback;
                    break;
            }
        }

        _dirty = true;
    }
}
