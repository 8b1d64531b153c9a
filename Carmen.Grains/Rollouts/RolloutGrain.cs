using Carmen.Grains.Devices;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// A staged rollout: the lifecycle operators drive. Selecting devices, ticking the batches and checking the groups'
/// conditions live in RolloutGrain.Progress.cs.
/// </summary>
[GrainType("rollout")]
public sealed partial class RolloutGrain(
    [PersistentState("rollout", StorageNames.Rollouts)] IPersistentState<RolloutState> rollout,
    IDeviceIndex index,
    TimeProvider time,
    IOptions<RolloutOptions> options,
    ILogger<RolloutGrain> logger) : Grain, IRolloutGrain, IRemindable
{
    private (string TenantId, long RolloutId) Key => RolloutKeys.ParseRollout(this.GetPrimaryKeyString());

    private RolloutSpec Spec => rollout.State.Spec ?? throw CarmenException.NotFound($"Rollout {Key.RolloutId} does not exist.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (rollout.RecordExists)
        {
            KeepGoing();
        }

        return Task.CompletedTask;
    }

    public async Task<RolloutInfo> CreateAsync(RolloutSpec spec, string createdBy, CancellationToken cancellationToken)
    {
        if (rollout.RecordExists)
        {
            throw CarmenException.Conflict($"Rollout {Key.RolloutId} already exists.");
        }

        RolloutRules.Validate(spec);
        if (Key.TenantId != RolloutKeys.PlatformScope) // the platform's own application rollouts need no tenant's license
        {
            ITenantLicensingGrain licensing = GrainFactory.GetGrain<ITenantLicensingGrain>(Key.TenantId);
            await licensing.RequireFeatureAsync(LicenseFeatures.Ota, cancellationToken);
            if (spec.HealthGate is not null)
            {
                await licensing.RequireFeatureAsync(LicenseFeatures.RolloutsHealthGate, cancellationToken);
            }
        }

        Deployment deployment = await ResolveAsync(spec, cancellationToken);
        await RolloutDirectory.DeliveringAsync(Key.RolloutId, deployment.DistributionSetId, cancellationToken); // before the record: a guard must never miss it
        rollout.State = new RolloutState
        {
            Spec = spec,
            Deployment = deployment,
            Status = RolloutStatus.Creating,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        await rollout.WriteStateAsync(cancellationToken);
        LogCreated(Key.TenantId, Key.RolloutId, spec.Name, spec.TargetKind, deployment.Name, deployment.Version, createdBy);
        KeepGoing();
        return Info();
    }

    public Task<RolloutInfo> GetAsync(CancellationToken cancellationToken)
    {
        _ = Spec;
        return Task.FromResult(Info());
    }

    public Task<RolloutInfo?> FindAsync(CancellationToken cancellationToken) =>
        Task.FromResult(rollout.State.Spec is null ? null : Info());

    public async Task<IReadOnlyList<RolloutMemberInfo>> ListDevicesAsync(MemberStatus? status, int? group, int limit, CancellationToken cancellationToken)
    {
        _ = Spec;
        var devices = new List<RolloutMemberInfo>();
        for (int i = 0; i < rollout.State.Groups.Count && devices.Count < limit; i++)
        {
            RolloutGroupState candidate = rollout.State.Groups[i];
            if (group is not null && group != i)
            {
                continue;
            }

            foreach (int batch in candidate.Batches)
            {
                IReadOnlyList<RolloutMemberInfo> members = await Batch(batch).ListMembersAsync(status, cancellationToken);
                devices.AddRange(members.Take(limit - devices.Count).Select(member => member with { Group = i }));
                if (devices.Count >= limit)
                {
                    break;
                }
            }
        }

        return devices;
    }

    public async Task<RolloutInfo> StartAsync(CancellationToken cancellationToken)
    {
        Require(RolloutStatus.Ready, "start");
        DateTimeOffset now = time.GetUtcNow();
        rollout.State.StartedAt = now;
        StartGroup(0, now);
        await TransitionAsync(RolloutStatus.Running, null, cancellationToken);
        return Info();
    }

    public async Task<RolloutInfo> PauseAsync(string by, CancellationToken cancellationToken)
    {
        Require(RolloutStatus.Running, "pause");
        await TransitionAsync(RolloutStatus.Paused, $"Paused by {by}.", cancellationToken);
        return Info();
    }

    public async Task<RolloutInfo> ResumeAsync(CancellationToken cancellationToken)
    {
        Require(RolloutStatus.Paused, "resume");
        foreach (RolloutGroupState group in rollout.State.Groups)
        {
            // The failures that paused the rollout have been seen; only new ones may trip the condition again.
            MemberCounts counts = group.Counts;
            (group.FailedBaseline, group.SettledBaseline) = (counts.Failed, counts.Settled);
        }

        await TransitionAsync(RolloutStatus.Running, null, cancellationToken);
        return Info();
    }

    public async Task<RolloutInfo> CancelAsync(string by, CancellationToken cancellationToken)
    {
        _ = Spec;
        if (rollout.State.Status is not (RolloutStatus.WaitingForApproval or RolloutStatus.Ready or RolloutStatus.Running or RolloutStatus.Paused))
        {
            throw CarmenException.Conflict($"Rollout {Key.RolloutId} is {rollout.State.Status} and cannot be canceled.");
        }

        await EndAsync(RolloutStatus.Canceled, $"Canceled by {by}.", rollback: false, cancellationToken);
        return Info();
    }

    public async Task<RolloutInfo> ApproveAsync(string by, CancellationToken cancellationToken)
    {
        if (rollout.State.Status == RolloutStatus.WaitingForApproval)
        {
            rollout.State.ApprovedBy = by;
            await TransitionAsync(RolloutStatus.Ready, null, cancellationToken);
            return Info();
        }

        RolloutGroupState group = WaitingGroup() ?? throw CarmenException.Conflict($"Rollout {Key.RolloutId} waits for no approval.");
        LogGroupApproved(Key.TenantId, Key.RolloutId, group.Name, by);
        CompleteGroup(group, time.GetUtcNow());
        await SaveAndContinueAsync(cancellationToken);
        return Info();
    }

    public async Task<RolloutInfo> DenyAsync(string by, string? remark, CancellationToken cancellationToken)
    {
        string reason = $"Denied by {by}{(string.IsNullOrWhiteSpace(remark) ? "" : $": {remark}")}.";
        if (rollout.State.Status == RolloutStatus.WaitingForApproval)
        {
            rollout.State.EndedAt = time.GetUtcNow();
            await TransitionAsync(RolloutStatus.Denied, reason, cancellationToken);
            return Info();
        }

        RolloutGroupState group = WaitingGroup() ?? throw CarmenException.Conflict($"Rollout {Key.RolloutId} waits for no approval.");
        await EndAsync(RolloutStatus.Canceled, $"Expansion after group '{group.Name}' {char.ToLowerInvariant(reason[0])}{reason[1..]}", rollback: false, cancellationToken);
        return Info();
    }

    public async Task<RolloutInfo> TriggerNextAsync(CancellationToken cancellationToken)
    {
        Require(RolloutStatus.Running, "trigger the next group of");
        DateTimeOffset now = time.GetUtcNow();
        if (WaitingGroup() is RolloutGroupState waiting)
        {
            CompleteGroup(waiting, now);
        }
        else if (!StartNextGroup(now))
        {
            throw CarmenException.Conflict($"Rollout {Key.RolloutId} has no group left to start.");
        }

        await SaveAndContinueAsync(cancellationToken);
        return Info();
    }

    public async Task<RolloutInfo> RetryAsync(CancellationToken cancellationToken)
    {
        _ = Spec;
        if (rollout.State.Status is not (RolloutStatus.Running or RolloutStatus.Paused or RolloutStatus.Finished))
        {
            throw CarmenException.Conflict($"Rollout {Key.RolloutId} is {rollout.State.Status}; only a running, paused or finished rollout retries.");
        }

        List<RolloutGroupState> started = [.. rollout.State.Groups.Where(group => group.StartedAt is not null)];
        int retried = (await Task.WhenAll(started.SelectMany(group => group.Batches).Select(batch => Batch(batch).RetryFailedAsync(cancellationToken)))).Sum();
        if (retried == 0)
        {
            throw CarmenException.Conflict($"Rollout {Key.RolloutId} has no failed devices to retry.");
        }

        foreach (RolloutGroupState group in started)
        {
            // The failures counted before are scheduled again, so the error condition starts over.
            (group.FailedBaseline, group.SettledBaseline) = (0, 0);
        }

        LogRetried(Key.TenantId, Key.RolloutId, retried);
        rollout.State.EndedAt = null;
        await TransitionAsync(RolloutStatus.Running, null, cancellationToken);
        return Info();
    }

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        RolloutInfo info = Info();
        if (RolloutRules.IsUnderWay(info.Status, info.Counts))
        {
            throw CarmenException.Conflict(info.Status is RolloutStatus.Creating or RolloutStatus.Running or RolloutStatus.Paused
                ? $"Rollout {Key.RolloutId} is {info.Status}; cancel it before deleting it."
                : $"Rollout {Key.RolloutId} still withdraws or rolls back the actions of {info.Counts.Live} device(s); delete it once they are settled.");
        }

        foreach (int[] batches in rollout.State.Groups.SelectMany(group => group.Batches).Chunk(InitializationsInFlight))
        {
            await Task.WhenAll(batches.Select(index => Batch(index).EraseAsync(cancellationToken)));
        }

        _ticker?.Dispose();
        _ticker = null;
        await StopReminderAsync();
        await RolloutDirectory.ReleaseAsync(Key.RolloutId, cancellationToken);
        await rollout.ClearStateAsync(cancellationToken);
        LogDeleted(Key.TenantId, Key.RolloutId);
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!rollout.RecordExists || !KeepGoing())
        {
            await StopReminderAsync();
        }
    }

    private void Require(RolloutStatus status, string verb)
    {
        _ = Spec;
        if (rollout.State.Status != status)
        {
            throw CarmenException.Conflict(rollout.State.Status == RolloutStatus.WaitingForApproval
                ? $"Rollout {Key.RolloutId} waits for approval."
                : $"Rollout {Key.RolloutId} is {rollout.State.Status}; only a {status} rollout can {verb}.");
        }
    }

    private IRolloutDirectoryGrain RolloutDirectory => GrainFactory.GetGrain<IRolloutDirectoryGrain>(Key.TenantId);

    private RolloutGroupState? WaitingGroup() => rollout.State.Status is RolloutStatus.Running or RolloutStatus.Paused
        ? rollout.State.Groups.FirstOrDefault(group => group.Status == RolloutGroupStatus.WaitingForApproval)
        : null;

    private async Task TransitionAsync(RolloutStatus status, string? reason, CancellationToken cancellationToken)
    {
        if (status is RolloutStatus.Finished or RolloutStatus.Canceled or RolloutStatus.RolledBack or RolloutStatus.Denied)
        {
            await RolloutDirectory.DeliveredAsync(Key.RolloutId, cancellationToken);
        }

        (rollout.State.Status, rollout.State.StatusReason) = (status, reason);
        CarmenDiagnostics.RolloutTransitions.Add(1, new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant()));
        LogTransition(Key.TenantId, Key.RolloutId, status, reason);
        await SaveAndContinueAsync(cancellationToken);
    }

    private async Task SaveAndContinueAsync(CancellationToken cancellationToken)
    {
        await rollout.WriteStateAsync(cancellationToken);
        if (KeepGoing())
        {
            // Not the caller's token: KeepGoing may just have replaced the ticker whose token that is (a pause slows it
            // down), and with the state written the reminder must follow.
            await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), CancellationToken.None);
        }
    }

    private IRolloutBatchGrain Batch(int batch) => GrainFactory.GetGrain<IRolloutBatchGrain>(RolloutKeys.Batch(Key.TenantId, Key.RolloutId, batch));

    private RolloutInfo Info()
    {
        RolloutState state = rollout.State;
        List<RolloutGroupInfo> groups = [.. state.Groups.Select((group, i) =>
        {
            MemberCounts counts = group.Counts;
            return new RolloutGroupInfo(i, group.Name, group.Status, group.Size, counts, Math.Round(RolloutConditions.SucceededPercentage(counts), 2),
                SuccessOf(i), ErrorOf(i), group.StartedAt, group.SuccessReachedAt, group.CompletedAt);
        })];
        MemberCounts total = groups.Aggregate(MemberCounts.None, (sum, group) => sum.Add(group.Counts));
        int targets = total.Total;
        double completed = targets == 0 ? 0 : Math.Round(100.0 * (targets - total.Live) / targets, 2);
        return new RolloutInfo(Key.RolloutId, Spec.Name, Spec.Description, Spec.DistributionSetId, Spec.ActionType, state.Status, state.StatusReason,
            state.CreatedAt, state.CreatedBy, state.StartedAt, state.EndedAt, targets, total, completed, groups, Spec, state.ApprovedBy,
            Spec.TargetKind, Spec.ReleaseId);
    }

    private SuccessCondition SuccessOf(int group) => Spec.Groups[group].Success ?? Spec.Success;

    private ErrorCondition? ErrorOf(int group) => Spec.Groups[group].Error ?? Spec.Error;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId} '{Name}' to {TargetKind} of {Payload} {Version} created by {CreatedBy}")]
    private partial void LogCreated(string tenantId, long rolloutId, string name, RolloutTargetKind targetKind, string payload, string version, string createdBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId} is {Status} ({Reason})")]
    private partial void LogTransition(string tenantId, long rolloutId, RolloutStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId}: group '{Group}' approved by {ApprovedBy}")]
    private partial void LogGroupApproved(string tenantId, long rolloutId, string group, string approvedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId} deleted")]
    private partial void LogDeleted(string tenantId, long rolloutId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId}: {Devices} failed devices scheduled again")]
    private partial void LogRetried(string tenantId, long rolloutId, int devices);
}
