using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// How a rollout moves on by itself: it selects and groups its devices in the background after creation, then ticks
/// while it has work: hands the batches of started groups their notification budget (pacing, maintenance window),
/// collects their counters, and applies the groups' error and success conditions. A reminder wakes it after a
/// restart; every step can be repeated.
/// </summary>
public sealed partial class RolloutGrain
{
    /// <summary>Devices per batch grain: small enough to save on every tick, large enough that 100,000 devices are 100 grains.</summary>
    internal const int BatchSize = 1000;

    private const string KeepAliveReminder = "rollout-keepalive";
    private const int InitializationsInFlight = 8;

    private Task? _creation;
    private IGrainTimer? _ticker;
    private TimeSpan _tickerPeriod;

    /// <summary>Starts whatever the state still needs (creation, ticking); false when nothing is left to do.</summary>
    private bool KeepGoing()
    {
        if (rollout.State.Status == RolloutStatus.Creating)
        {
            _creation ??= CreateGroupsAsync();
            return true;
        }

        bool running = rollout.State.Status == RolloutStatus.Running;
        bool work = running || rollout.State.Groups.Any(group => group.StartedAt is not null && group.Counts.Live > 0);

        // A rollout that only waits for stragglers (paused or ended) looks less often.
        TimeSpan period = running ? options.Value.TickInterval : options.Value.TickInterval * 10;
        if (_ticker is not null && (!work || period != _tickerPeriod))
        {
            _ticker.Dispose();
            _ticker = null;
        }

        if (work && _ticker is null)
        {
            _tickerPeriod = period;
            _ticker = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        }

        return work;
    }

    private async Task StopReminderAsync()
    {
        IGrainReminder? reminder = await this.GetReminder(KeepAliveReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task CreateGroupsAsync()
    {
        try
        {
            (IReadOnlyList<IReadOnlyList<string>> members, int unassigned, int targets) = await SelectAndGroupAsync();
            var plan = new BatchPlan(rollout.State.Deployment!, Spec.ActionType, Spec.Priority, Spec.ForceTime, Spec.MaintenanceWindow,
                Spec.HealthGate, Spec.InProgressTimeout, Spec.MaxRetries, Spec.TargetKind, Spec.ConfirmationRequired);
            var groups = new List<RolloutGroupState>(members.Count);
            var batches = new List<string[]>();
            for (int i = 0; i < members.Count; i++)
            {
                string[][] chunks = [.. members[i].Chunk(BatchSize)];
                groups.Add(new RolloutGroupState
                {
                    Name = Spec.Groups[i].Name,
                    Size = members[i].Count,
                    FirstBatch = batches.Count,
                    BatchCounts = [.. chunks.Select(chunk => new MemberCounts(Scheduled: chunk.Length))],
                });
                batches.AddRange(chunks);
            }

            for (int start = 0; start < batches.Count; start += InitializationsInFlight)
            {
                await Task.WhenAll(batches.Skip(start).Take(InitializationsInFlight).Select((devices, offset) => Batch(start + offset).InitializeAsync(plan, devices)));
            }

            (rollout.State.Groups, rollout.State.Unassigned) = (groups, unassigned);
            LogGrouped(Key.TenantId, Key.RolloutId, targets, groups.Count, batches.Count, unassigned);
            await TransitionAsync(Spec.RequireApproval ? RolloutStatus.WaitingForApproval : RolloutStatus.Ready, null, CancellationToken.None);
        }
        catch (Exception failure)
        {
            // The reminder comes back within a minute and starts over; batches accept the same devices again.
            LogCreationFailed(failure, Key.TenantId, Key.RolloutId);
            _creation = null;
        }
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        RolloutState state = rollout.State;
        DateTimeOffset now = time.GetUtcNow();
        bool dispatching = state.Status == RolloutStatus.Running
            && (Spec.MaintenanceWindow is null || MaintenanceWindows.IsOpen(Spec.MaintenanceWindow, now));
        int budget = dispatching ? state.Pacer.Available(Spec.Pacing, now) : 0;
        bool changed = false;
        try
        {
            List<(RolloutGroupState Group, int Offset)> batches =
                [.. state.Groups.Where(group => group.StartedAt is not null).SelectMany(group => Enumerable.Range(0, group.BatchCounts.Count).Select(offset => (group, offset)))];
            if (Spec.Pacing is null)
            {
                BatchProgress[] answers = await Task.WhenAll(batches.Select(batch => Batch(batch.Group.FirstBatch + batch.Offset).TickAsync(budget, cancellationToken)));
                for (int i = 0; i < answers.Length; i++)
                {
                    changed |= Record(batches[i].Group, batches[i].Offset, answers[i]);
                }
            }
            else
            {
                // Paced: the budget is small, so the batches take it in order, the earliest group first.
                foreach ((RolloutGroupState group, int offset) in batches)
                {
                    BatchProgress answer = await Batch(group.FirstBatch + offset).TickAsync(budget, cancellationToken);
                    changed |= Record(group, offset, answer);
                    budget -= answer.Taken;
                    state.Pacer.Take(answer.Taken);
                    changed |= answer.Taken > 0;
                }
            }

            changed |= await EvaluateAsync(now, cancellationToken);
            if (changed)
            {
                await rollout.WriteStateAsync(cancellationToken);
            }
        }
        catch (Exception failure)
        {
            LogTickFailed(failure, Key.TenantId, Key.RolloutId);
        }

        if (!KeepGoing())
        {
            await StopReminderAsync();
        }
    }

    private static bool Record(RolloutGroupState group, int offset, BatchProgress progress)
    {
        bool changed = !group.BatchCounts[offset].Equals(progress.Counts);
        group.BatchCounts[offset] = progress.Counts;
        if (progress.LastFailureAt > (group.LastFailureAt ?? DateTimeOffset.MinValue))
        {
            (group.LastFailureAt, changed) = (progress.LastFailureAt, true);
        }

        return changed;
    }

    /// <summary>Applies each started group's error and success condition; true when something changed (saved by the caller).</summary>
    private async Task<bool> EvaluateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rollout.State.Status != RolloutStatus.Running)
        {
            return false;
        }

        bool changed = false;
        List<RolloutGroupState> groups = rollout.State.Groups;
        for (int i = 0; i < groups.Count; i++)
        {
            RolloutGroupState group = groups[i];
            if (group.Status is not (RolloutGroupStatus.Running or RolloutGroupStatus.WaitingForApproval))
            {
                continue;
            }

            MemberCounts counts = group.Counts;
            if (ErrorOf(i) is ErrorCondition error && RolloutConditions.ErrorMet(error, counts, group.FailedBaseline, group.SettledBaseline))
            {
                string reason = $"Group '{group.Name}': {counts.Failed - group.FailedBaseline} of {counts.Settled - group.SettledBaseline} {Spec.TargetKind.ToString().ToLowerInvariant()} failed, "
                    + $"meeting its error condition ({Describe(error)}).";
                if (error.Action == ErrorAction.Rollback)
                {
                    group.Status = RolloutGroupStatus.Failed;
                    await EndAsync(RolloutStatus.RolledBack, reason, rollback: true, cancellationToken);
                }
                else
                {
                    await TransitionAsync(RolloutStatus.Paused, reason, cancellationToken);
                    await RaisePausedAlertAsync(group.Name, reason);
                }

                return true;
            }

            SuccessCondition success = SuccessOf(i);
            bool reached = RolloutConditions.SucceededPercentage(counts) >= success.Percentage;
            if (reached != group.SuccessReachedAt is not null)
            {
                group.SuccessReachedAt = reached ? now : null;
                changed = true;
            }

            if (group.Status == RolloutGroupStatus.Running && RolloutConditions.SuccessDueAt(success, group.SuccessReachedAt, group.LastFailureAt) <= now)
            {
                if (success.RequireApproval && i + 1 < groups.Count && groups[i + 1].StartedAt is null)
                {
                    group.Status = RolloutGroupStatus.WaitingForApproval;
                    LogWaitingForApproval(Key.TenantId, Key.RolloutId, group.Name);
                }
                else
                {
                    CompleteGroup(group, now);
                }

                changed = true;
            }
        }

        // Finished once every group is done and every device was notified (a group may complete below 100%).
        if (groups.All(group => group.Status == RolloutGroupStatus.Completed && group.Counts.Scheduled == 0))
        {
            rollout.State.EndedAt = now;
            await TransitionAsync(RolloutStatus.Finished, null, cancellationToken);
            return true;
        }

        return changed;
    }

    private void CompleteGroup(RolloutGroupState group, DateTimeOffset now)
    {
        (group.Status, group.CompletedAt) = (RolloutGroupStatus.Completed, now);
        LogGroupCompleted(Key.TenantId, Key.RolloutId, group.Name);
        if (rollout.State.Groups.SkipWhile(candidate => candidate != group).Skip(1).All(later => later.StartedAt is null))
        {
            StartNextGroup(now);
        }
    }

    private bool StartNextGroup(DateTimeOffset now)
    {
        int next = rollout.State.Groups.FindIndex(group => group.StartedAt is null && group.Status == RolloutGroupStatus.Scheduled);
        if (next < 0)
        {
            return false;
        }

        StartGroup(next, now);
        return true;
    }

    private void StartGroup(int index, DateTimeOffset now)
    {
        RolloutGroupState group = rollout.State.Groups[index];
        (group.Status, group.StartedAt) = (RolloutGroupStatus.Running, now);
        LogGroupStarted(Key.TenantId, Key.RolloutId, group.Name, group.Size);
    }

    /// <summary>Ends the rollout: batches of started groups cancel (or roll back) their devices, the others drop theirs.</summary>
    private async Task EndAsync(RolloutStatus status, string reason, bool rollback, CancellationToken cancellationToken)
    {
        foreach (RolloutGroupState group in rollout.State.Groups)
        {
            bool started = group.StartedAt is not null;
            BatchProgress[] answers = await Task.WhenAll(group.Batches.Select(batch =>
                rollback && started ? Batch(batch).RollbackAsync(cancellationToken) : Batch(batch).CancelAsync(cancellationToken)));
            for (int offset = 0; offset < answers.Length; offset++)
            {
                Record(group, offset, answers[offset]);
            }

            if (group.Status is not (RolloutGroupStatus.Completed or RolloutGroupStatus.Failed))
            {
                group.Status = RolloutGroupStatus.Canceled;
            }
        }

        rollout.State.EndedAt = time.GetUtcNow();
        await TransitionAsync(status, reason, cancellationToken);
    }

    private static string Describe(ErrorCondition error) => string.Join(" or ", new[]
    {
        error.Count is int count ? $"{count} failures" : null,
        error.Percentage is double percentage ? $"{percentage}% of at least {error.MinSample}" : null,
    }.OfType<string>());

    /// <summary>
    /// Tells the tenant's rolloutPaused rules. The pause is saved already, so a failure here is logged, not retried; and
    /// the tick's token is not passed, since the pause replaced the ticker it belongs to.
    /// </summary>
    private async Task RaisePausedAlertAsync(string groupName, string reason)
    {
        if (Spec.TargetKind != RolloutTargetKind.Devices)
        {
            return; // a platform rollout of tenants' applications has no tenant to alert
        }

        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var details = new Dictionary<string, TimestampedValue>
        {
            ["rolloutId"] = new(now, TelemetryValue.FromNumber(Key.RolloutId)),
            ["rolloutName"] = new(now, TelemetryValue.FromText(Spec.Name)),
            ["group"] = new(now, TelemetryValue.FromText(groupName)),
            ["reason"] = new(now, TelemetryValue.FromText(reason)),
        };
        try
        {
            await GrainFactory.GetGrain<ITenantAlertsGrain>(Key.TenantId).RaiseEventAsync(AlertCondition.RolloutPaused, details);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogPausedAlertFailed(failure, Key.TenantId, Key.RolloutId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId}: paused, but its rolloutPaused alert could not be raised")]
    private partial void LogPausedAlertFailed(Exception failure, string tenantId, long rolloutId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId}: {Targets} targets in {Groups} groups ({Batches} batches); {Unassigned} taken by no group")]
    private partial void LogGrouped(string tenantId, long rolloutId, int targets, int groups, int batches, int unassigned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId}: selecting targets failed; the next reminder starts over")]
    private partial void LogCreationFailed(Exception exception, string tenantId, long rolloutId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId}: a tick failed; the next one repeats it")]
    private partial void LogTickFailed(Exception exception, string tenantId, long rolloutId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId}: group '{Group}' started with {Targets} targets")]
    private partial void LogGroupStarted(string tenantId, long rolloutId, string group, int targets);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId}: group '{Group}' completed")]
    private partial void LogGroupCompleted(string tenantId, long rolloutId, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId}: group '{Group}' met its success condition; the next group waits for approval")]
    private partial void LogWaitingForApproval(string tenantId, long rolloutId, string group);
}
