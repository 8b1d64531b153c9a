using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// What a work pass does to one device: notify it, withdraw its action, roll it back, or check on it (action state,
/// timeout, end of its health window). Each step is safe to repeat.
/// </summary>
public sealed partial class RolloutBatchGrain
{
    private async Task DispatchAsync(RolloutMember member)
    {
        BatchPlan plan = Plan;
        var request = new AssignmentRequest(plan.Deployment, plan.ActionType, plan.ForceTime, plan.MaintenanceWindow,
            new RolloutLink(Key.RolloutId, Key.Batch, plan.Priority, plan.HealthGate));
        RolloutDispatch answer;
        try
        {
            answer = await Target(member).AcceptAsync(request);
        }
        catch (Exception failure)
        {
            // Still scheduled and within the allowance, so the next pass tries again; a device that keeps refusing fails.
            LogDispatchFailed(failure, Key.TenantId, Key.RolloutId, member.TargetId);
            if (++member.Attempts > plan.MaxRetries + 2 && member.Status == MemberStatus.Scheduled)
            {
                _allowance = Math.Max(0, _allowance - 1);
                Fail(member, $"Could not be notified: {failure.Message}", retry: false);
            }

            return;
        }

        _allowance = Math.Max(0, _allowance - 1);
        member.Attempts++;
        _dirty = true;
        if (member.Status != MemberStatus.Scheduled)
        {
            // Its outcome was reported while the call was out (keep what a rollback needs), or it was canceled meanwhile.
            if (answer.Outcome == RolloutDispatchOutcome.Assigned && answer.ActionId == member.ActionId)
            {
                member.PreviousDistributionSetId = answer.PreviousDistributionSetId;
            }
            else if (answer.Outcome == RolloutDispatchOutcome.Assigned && member.Status == MemberStatus.Canceled)
            {
                (member.ActionId, member.Chore) = (answer.ActionId, MemberChore.Withdraw);
            }

            return;
        }

        CarmenDiagnostics.RolloutNotifications.Add(1, new KeyValuePair<string, object?>("outcome", answer.Outcome.ToString().ToLowerInvariant()));
        switch (answer.Outcome)
        {
            case RolloutDispatchOutcome.Assigned:
                DateTimeOffset now = time.GetUtcNow();
                (member.ActionId, member.PreviousDistributionSetId, member.StartedAt) = (answer.ActionId, answer.PreviousDistributionSetId, now);
                member.Status = MemberStatus.Running;
                member.DueAt = NextCheck(member, now);
                if (answer.Status is ActionStatus status && !IsUnderWay(status))
                {
                    Apply(member, status, null);
                }

                break;
            case RolloutDispatchOutcome.AlreadyInstalled:
                (member.Status, member.Reason) = (MemberStatus.Succeeded, answer.Reason);
                break;
            default:
                (member.Status, member.Reason) = (MemberStatus.Skipped, answer.Reason);
                break;
        }
    }

    private async Task WithdrawAsync(RolloutMember member)
    {
        ActionStatus? status = await Target(member).WithdrawAsync(member.ActionId);
        member.Chore = MemberChore.None;
        _dirty = true;
        if (status is null)
        {
            (member.Status, member.Reason) = (MemberStatus.Canceled, "The device no longer has the action.");
        }
        else if (!IsUnderWay(status.Value))
        {
            Apply(member, status.Value, null);
        }
    }

    private async Task RollBackAsync(RolloutMember member)
    {
        long previous = member.PreviousDistributionSetId!.Value;
        if (!_rollbackDeployments.TryGetValue(previous, out Deployment? deployment))
        {
            try
            {
                deployment = await RolloutTargets.ResolveAsync(GrainFactory, Plan.TargetKind, Key.TenantId, previous, CancellationToken.None);
            }
            catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
            {
                (member.Chore, member.Reason) = (MemberChore.None, $"Cannot roll back: {(Plan.TargetKind == RolloutTargetKind.Tenants ? "release" : "distribution set")} {previous} no longer exists.");
                _dirty = true;
                return;
            }

            _rollbackDeployments[previous] = deployment;
        }

        // The rollback is an action of this rollout too (its reports come here), without the health gate.
        var request = new AssignmentRequest(deployment, ActionType.Forced, Rollout: new RolloutLink(Key.RolloutId, Key.Batch, Plan.Priority));
        RolloutDispatch answer = await Target(member).AcceptAsync(request);
        DateTimeOffset now = time.GetUtcNow();
        member.Chore = MemberChore.None;
        _dirty = true;
        switch (answer.Outcome)
        {
            case RolloutDispatchOutcome.Assigned:
                (member.Status, member.ActionId, member.StartedAt) = (MemberStatus.RollingBack, answer.ActionId, now);
                member.DueAt = NextCheck(member, now);
                if (answer.Status is ActionStatus status && !IsUnderWay(status))
                {
                    Apply(member, status, null); // a target that applies at once (a tenant's forced release)
                }

                break;
            case RolloutDispatchOutcome.AlreadyInstalled:
                // A failed target that still runs the old version: its failure says more than "already installed".
                (member.Status, member.Reason) = (MemberStatus.RolledBack, member.Reason ?? answer.Reason);
                break;
            default:
                member.Reason = $"Not rolled back: {answer.Reason}";
                break;
        }
    }

    private async Task CheckAsync(RolloutMember member)
    {
        DateTimeOffset now = time.GetUtcNow();
        IRolloutTargetGrain target = Target(member);
        _dirty = true;
        if (member.Status == MemberStatus.Verifying)
        {
            HealthVerdict verdict = await target.ConcludeHealthWatchAsync(member.ActionId);
            if (member.Status != MemberStatus.Verifying)
            {
                return;
            }

            member.DueAt = null;
            if (verdict.Healthy)
            {
                member.Status = MemberStatus.Succeeded;
                CarmenDiagnostics.RolloutOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
            }
            else
            {
                Fail(member, $"Health gate: {verdict.Reason}", retry: false);
            }

            return;
        }

        if (member.Status is not (MemberStatus.Running or MemberStatus.RollingBack))
        {
            member.DueAt = null;
            return;
        }

        ActionStatus? status = await target.GetActionStatusAsync(member.ActionId);
        if (status is ActionStatus current && IsUnderWay(current) && Deadline(member) <= now)
        {
            status = await target.ExpireAsync(member.ActionId, $"No outcome within {Plan.InProgressTimeout}.");
        }

        if (status is null)
        {
            Fail(member, "The device no longer has the action.", retry: true);
        }
        else if (!IsUnderWay(status.Value))
        {
            Apply(member, status.Value, status == ActionStatus.Error && Deadline(member) <= now ? $"No outcome within {Plan.InProgressTimeout}." : null);
        }
        else
        {
            member.DueAt = NextCheck(member, now);
        }
    }
}
