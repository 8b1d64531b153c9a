using Carmen.Grains.Devices;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// Up to a thousand targets of one rollout group (devices, or tenants of an application rollout). The rollout's tick
/// hands it a budget; a work pass on the activation's scheduler then notifies that many: devices by one post to their
/// inboxes (waking a thousand idle device grains one by one cost about 500 µs of CPU each), tenants by calls. Other
/// steps call targets 32 at a time (3,200 across a 100,000-device rollout; more only queued up and fed the garbage
/// collector), while ticks and reports interleave at its awaits. Reports only change memory; the next tick saves.
/// After a restart every target with an action under way is asked for its state once, which recovers reports lost
/// with the old activation.
/// </summary>
[GrainType("rollout-batch")]
public sealed partial class RolloutBatchGrain(
    [PersistentState("rollout-batch", StorageNames.Rollouts)] IPersistentState<RolloutBatchState> batch,
    IRolloutInbox inbox,
    IDeviceIndex index,
    TimeProvider time,
    ILogger<RolloutBatchGrain> logger) : Grain, IRolloutBatchGrain
{
    /// <summary>How often a device with an action under way is asked for its state, in case a report was lost.</summary>
    internal static readonly TimeSpan s_reconcileInterval = TimeSpan.FromMinutes(5);

    private const int CallsInFlight = 32;

    private readonly Dictionary<string, RolloutMember> _byDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Deployment> _rollbackDeployments = [];
    private int _allowance;
    private bool _dirty;
    private Task? _work;
    private bool _passAgain;

    private (string TenantId, long RolloutId, int Batch) Key => RolloutKeys.ParseBatch(this.GetPrimaryKeyString());

    private BatchPlan Plan => batch.State.Plan ?? throw CarmenException.NotFound($"Rollout batch '{this.GetPrimaryKeyString()}' does not exist.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (RolloutMember member in batch.State.Members)
        {
            _byDevice[member.TargetId] = member;
            if (member.Status is MemberStatus.Running or MemberStatus.RollingBack)
            {
                // Reports sent while no activation held this batch's memory are recovered by asking once.
                member.DueAt = now;
            }
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await batch.WriteStateAsync(cancellationToken);
        }
    }

    public async Task InitializeAsync(BatchPlan plan, IReadOnlyList<string> targetIds, CancellationToken cancellationToken)
    {
        if (batch.State.Members.Any(member => member.Status != MemberStatus.Scheduled))
        {
            return; // already under way: a replayed creation step changes nothing
        }

        batch.State = new RolloutBatchState { Plan = plan, Members = [.. targetIds.Select(id => new RolloutMember { TargetId = id })] };
        _byDevice.Clear();
        foreach (RolloutMember member in batch.State.Members)
        {
            _byDevice[member.TargetId] = member;
        }

        await batch.WriteStateAsync(cancellationToken);
    }

    public async Task<BatchProgress> TickAsync(int budget, CancellationToken cancellationToken)
    {
        _ = Plan;
        int taken = 0;
        if (!batch.State.Closed && budget > 0)
        {
            int waiting = batch.State.Members.Count(member => member.Status == MemberStatus.Scheduled) - _allowance;
            taken = Math.Clamp(waiting, 0, budget);
            _allowance += taken;
        }

        EnsureWorking();
        await SaveIfChangedAsync(cancellationToken);
        return Progress(taken);
    }

    public Task<IReadOnlyList<RolloutMemberInfo>> ListMembersAsync(MemberStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RolloutMemberInfo>>([.. batch.State.Members
            .Where(member => status is null || Shown(member) == status)
            .Select(member => new RolloutMemberInfo(member.TargetId, 0, Shown(member), member.ActionId == 0 ? null : member.ActionId, member.Attempts, member.Reason))]);

    public Task ReportAsync(RolloutReport report)
    {
        if (batch.State.Plan is null || !_byDevice.TryGetValue(report.TargetId, out RolloutMember? member))
        {
            return Task.CompletedTask;
        }

        if (member.ActionId != report.ActionId && !(member.ActionId == 0 && member.Status is MemberStatus.Scheduled or MemberStatus.Running))
        {
            return Task.CompletedTask; // about an action this batch has moved on from
        }

        member.ActionId = report.ActionId;
        if (report.Kind == RolloutReportKind.Regressed)
        {
            if (member.Status == MemberStatus.Verifying)
            {
                Fail(member, $"Health gate: {report.Detail}", retry: false);
            }
        }
        else
        {
            Apply(member, report.Kind switch
            {
                RolloutReportKind.Finished => ActionStatus.Finished,
                RolloutReportKind.Failed => ActionStatus.Error,
                _ => ActionStatus.Canceled,
            }, report.Detail);
        }

        return Task.CompletedTask;
    }

    public Task TakenAsync(string deviceId, RolloutDispatch answer)
    {
        if (batch.State.Plan is not null && _byDevice.TryGetValue(deviceId, out RolloutMember? member))
        {
            Answered(member, answer);
        }

        return Task.CompletedTask;
    }

    private void EnsureWorking()
    {
        if (_work is null || _work.IsCompleted)
        {
            // Runs on the activation's scheduler, interleaving with ticks and reports at its awaits.
            _work = WorkAsync();
        }
        else
        {
            // Work added meanwhile (a cancel's or rollback's chores) may be past the steps of the pass under way, and an
            // ended rollout ticks rarely: the pass runs once more.
            _passAgain = true;
        }
    }

    private async Task WorkAsync()
    {
        do
        {
            _passAgain = false;
            await PassAsync();
        }
        while (_passAgain);
    }

    private async Task PassAsync()
    {
        try
        {
            DateTimeOffset now = time.GetUtcNow();
            List<RolloutMember> dispatch = [.. batch.State.Members.Where(member => member.Status == MemberStatus.Scheduled).Take(_allowance)];
            if (Plan.TargetKind == RolloutTargetKind.Devices)
            {
                await PostAsync(dispatch);
            }
            else
            {
                await ForEachAsync(dispatch, DispatchAsync);
            }

            // Once every device answered, the post is retired: the store keeps no request nobody will take.
            if (batch.State.Posted && (batch.State.Closed || !batch.State.Members.Any(AwaitsPost)))
            {
                await RecallAsync();
            }

            await ForEachAsync([.. batch.State.Members.Where(member => member.Chore == MemberChore.Withdraw)], WithdrawAsync);
            await ForEachAsync([.. batch.State.Members.Where(member => member.Chore == MemberChore.Rollback)], RollBackAsync);
            await ForEachAsync([.. batch.State.Members.Where(member => member.DueAt <= now)], CheckAsync);
            await RecordPendingAsync();
        }
        catch (Exception failure)
        {
            // What did not happen stays marked (scheduled, chore, due) and the next tick's pass picks it up.
            LogPassFailed(failure, Key.TenantId, Key.RolloutId, Key.Batch);
        }
    }

    private static async Task ForEachAsync(List<RolloutMember> members, Func<RolloutMember, Task> step)
    {
        for (int start = 0; start < members.Count; start += CallsInFlight)
        {
            await Task.WhenAll(members.Skip(start).Take(CallsInFlight).Select(step));
        }
    }

    /// <summary>Moves a member on by its action's settled status.</summary>
    private void Apply(RolloutMember member, ActionStatus status, string? detail)
    {
        bool rollingBack = member.Status == MemberStatus.RollingBack;
        if (member.Status is not (MemberStatus.Running or MemberStatus.RollingBack or MemberStatus.Scheduled))
        {
            return; // already settled (a late duplicate)
        }

        _dirty = true;
        member.DueAt = null;
        member.Chore = MemberChore.None;
        switch (status)
        {
            case ActionStatus.Finished when rollingBack:
                member.Status = MemberStatus.RolledBack;
                break;
            case ActionStatus.Finished when Plan.HealthGate is HealthGate gate:
                member.Status = MemberStatus.Verifying;
                member.DueAt = time.GetUtcNow() + gate.Window;
                break;
            case ActionStatus.Finished:
                member.Status = MemberStatus.Succeeded;
                CarmenDiagnostics.RolloutOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
                break;
            case ActionStatus.Error:
                Fail(member, rollingBack ? $"Rollback failed{(detail is null ? "" : $": {detail}")}" : detail ?? "The device reported a failure.", retry: !rollingBack);
                break;
            default:
                (member.Status, member.Reason) = (MemberStatus.Canceled, detail ?? "The action was canceled.");
                break;
        }
    }

    private void Fail(RolloutMember member, string reason, bool retry)
    {
        _dirty = true;
        member.DueAt = null;
        member.Reason = reason;
        if (retry && !batch.State.Closed && member.Attempts <= Plan.MaxRetries)
        {
            member.Status = MemberStatus.Scheduled;
            _allowance++; // a retry is part of the device's notification, not a new one the pacing must allow
            LogRetrying(Key.TenantId, Key.RolloutId, member.TargetId, member.Attempts, reason);
            return;
        }

        member.Status = MemberStatus.Failed;
        batch.State.LastFailureAt = time.GetUtcNow();
        CarmenDiagnostics.RolloutOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        LogFailed(Key.TenantId, Key.RolloutId, member.TargetId, reason);
    }

    private DateTimeOffset Deadline(RolloutMember member) =>
        Plan.InProgressTimeout is TimeSpan timeout && member.StartedAt is DateTimeOffset started ? started + timeout : DateTimeOffset.MaxValue;

    private DateTimeOffset NextCheck(RolloutMember member, DateTimeOffset now)
    {
        DateTimeOffset reconcile = now + s_reconcileInterval;
        DateTimeOffset deadline = Deadline(member);
        return deadline < reconcile ? deadline : reconcile;
    }

    private static bool IsUnderWay(ActionStatus status) =>
        status is ActionStatus.Running or ActionStatus.Downloading or ActionStatus.Downloaded or ActionStatus.Canceling
            or ActionStatus.WaitingForConfirmation or ActionStatus.Scheduled;

    /// <summary>The plan's action, as each target of the batch is asked to take it.</summary>
    private AssignmentRequest Request()
    {
        BatchPlan plan = Plan;
        return new AssignmentRequest(plan.Deployment, plan.ActionType, plan.ForceTime, plan.MaintenanceWindow,
            new RolloutLink(Key.RolloutId, Key.Batch, plan.Priority, plan.HealthGate), plan.ConfirmationRequired);
    }

    private IUpdatableDeviceGrain Device(RolloutMember member) =>
        GrainFactory.GetGrain<IUpdatableDeviceGrain>(new DeviceKey(Key.TenantId, member.TargetId).ToString());

    private IRolloutTargetGrain Target(RolloutMember member) => RolloutTargets.Target(GrainFactory, Plan.TargetKind, Key.TenantId, member.TargetId);

    private BatchProgress Progress(int taken) =>
        new(MemberCounts.Of(batch.State.Members.Select(Shown)), batch.State.LastFailureAt, taken);

    /// <summary>
    /// A member's status as counted and listed: one the batch still has to roll back is rolling back already, so it
    /// counts as live and the rollout keeps collecting counters until the rollback is done.
    /// </summary>
    private static MemberStatus Shown(RolloutMember member) => member.Chore == MemberChore.Rollback ? MemberStatus.RollingBack : member.Status;

    private async Task SaveIfChangedAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            _dirty = false;
            await batch.WriteStateAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId}: target {TargetId} failed: {Reason}")]
    private partial void LogFailed(string tenantId, long rolloutId, string targetId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId}: target {TargetId} failed attempt {Attempt} ({Reason}); retrying")]
    private partial void LogRetrying(string tenantId, long rolloutId, string targetId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId}: notifying target {TargetId} failed; retrying on the next tick")]
    private partial void LogDispatchFailed(Exception exception, string tenantId, long rolloutId, string targetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId} batch {Batch}: posting the action to {Count} devices failed; the next pass posts again")]
    private partial void LogPostFailed(Exception exception, string tenantId, long rolloutId, int batch, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {TenantId}/{RolloutId} batch {Batch}: pinging connected devices failed; they take the action when they next poll or connect")]
    private partial void LogPingFailed(Exception exception, string tenantId, long rolloutId, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {TenantId}/{RolloutId} batch {Batch}: a work pass stopped; the next tick resumes it")]
    private partial void LogPassFailed(Exception exception, string tenantId, long rolloutId, int batch);
}
