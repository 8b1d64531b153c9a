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
    /// <summary>Notifies a tenant (an application rollout's target) by calling its grain.</summary>
    private async Task DispatchAsync(RolloutMember member)
    {
        RolloutDispatch answer;
        try
        {
            answer = await Target(member).AcceptAsync(Request());
        }
        catch (Exception failure)
        {
            // Still scheduled and within the allowance, so the next pass tries again; a target that keeps refusing fails.
            LogDispatchFailed(failure, Key.TenantId, Key.RolloutId, member.TargetId);
            if (++member.Attempts > Plan.MaxRetries + 2 && member.Status == MemberStatus.Scheduled)
            {
                _allowance = Math.Max(0, _allowance - 1);
                Fail(member, $"Could not be notified: {failure.Message}", retry: false);
            }

            return;
        }

        _allowance = Math.Max(0, _allowance - 1);
        member.Attempts++;
        Answered(member, answer);
    }

    /// <summary>
    /// Notifies devices: one write posts the action to all of them, and those connected now are pinged to take it at
    /// once; the others take it when they next wake (poll, connect, or any call). Each device's answer comes back
    /// through <see cref="TakenAsync"/>, as a call's answer would.
    /// </summary>
    private async Task PostAsync(List<RolloutMember> members)
    {
        if (members.Count == 0)
        {
            return;
        }

        try
        {
            batch.State.Posted = true;
            await inbox.PostAsync(Key.TenantId, Request(), [.. members.Select(member => member.TargetId)]);
        }
        catch (Exception failure)
        {
            LogPostFailed(failure, Key.TenantId, Key.RolloutId, Key.Batch, members.Count); // still scheduled: the next pass posts again
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        _allowance = Math.Max(0, _allowance - members.Count);
        _dirty = true;
        List<RolloutMember> posted = [.. members.Where(member => member.Status == MemberStatus.Scheduled)]; // not canceled meanwhile
        foreach (RolloutMember member in posted)
        {
            member.Attempts++;
            (member.Status, member.ActionId, member.StartedAt) = (MemberStatus.Running, 0, now);
            member.DueAt = Deadline(member) is var deadline && deadline < DateTimeOffset.MaxValue ? deadline : null;
        }

        CarmenDiagnostics.RolloutPosts.Add(posted.Count);
        try
        {
            IReadOnlyList<string> connected = await index.FilterConnectedAsync(Key.TenantId, [.. posted.Select(member => member.TargetId)]);
            await ForEachAsync([.. connected.Select(id => _byDevice[id])], member => Device(member).TakePostedActionsAsync());
        }
        catch (Exception failure)
        {
            LogPingFailed(failure, Key.TenantId, Key.RolloutId, Key.Batch); // they take it when they next poll or connect
        }
    }

    /// <summary>Withdraws the posts no device took yet (their members end canceled without a call) and retires the post.</summary>
    private async Task RecallAsync()
    {
        IReadOnlyList<string> recalled = await inbox.RecallAsync(Key.TenantId, Key.RolloutId, Key.Batch);
        batch.State.Posted = false;
        _dirty = true;
        foreach (string deviceId in recalled)
        {
            if (_byDevice.TryGetValue(deviceId, out RolloutMember? member) && AwaitsPost(member))
            {
                (member.Status, member.Chore, member.DueAt, member.Reason) = (MemberStatus.Canceled, MemberChore.None, null, "Rollout ended before this device took its action.");
            }
        }
    }

    private static bool AwaitsPost(RolloutMember member) => member.Status == MemberStatus.Running && member.ActionId == 0;

    /// <summary>
    /// Asks a device that was posted the action, but whose answer never came, for it now: the call wakes the device,
    /// which takes its post first, so the same action is answered.
    /// </summary>
    private async Task ClaimAsync(RolloutMember member) => Answered(member, await Target(member).AcceptAsync(Request()));

    /// <summary>Moves a member on by its target's answer to the notification (a call's answer, or a device taking its post).</summary>
    private void Answered(RolloutMember member, RolloutDispatch answer)
    {
        _dirty = true;
        bool awaiting = member.Status == MemberStatus.Scheduled || AwaitsPost(member);
        if (!awaiting)
        {
            // Its outcome was reported first (keep what a rollback needs), or it was canceled meanwhile.
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
                (member.ActionId, member.PreviousDistributionSetId) = (answer.ActionId, answer.PreviousDistributionSetId);
                if (member.Status == MemberStatus.Scheduled)
                {
                    member.StartedAt = now; // a called target's timeout counts from the call; a post's from the post
                }

                member.Status = MemberStatus.Running;
                RecordAssigned(member);
                member.DueAt = NextCheck(member, now);
                if (answer.Status is ActionStatus status && !IsUnderWay(status))
                {
                    Apply(member, status, null);
                }

                break;
            case RolloutDispatchOutcome.AlreadyInstalled:
                (member.Status, member.Reason, member.Chore, member.DueAt) = (MemberStatus.Succeeded, answer.Reason, MemberChore.None, null);
                break;
            default:
                (member.Status, member.Reason, member.Chore, member.DueAt) = (MemberStatus.Skipped, answer.Reason, MemberChore.None, null);
                break;
        }
    }

    private async Task WithdrawAsync(RolloutMember member)
    {
        if (member.ActionId == 0)
        {
            await ClaimAsync(member);
            if (member.Chore != MemberChore.Withdraw)
            {
                return; // skipped, or settled by the answer
            }
        }

        ActionStatus? status = await Target(member).WithdrawAsync(member.ActionId);
        member.Chore = MemberChore.None;
        _dirty = true;
        RecordWithdrawn(member, status);
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

        if (member.ActionId == 0)
        {
            await ClaimAsync(member);
            if (member.Status != MemberStatus.Running)
            {
                return;
            }
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
