using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Applications;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Applications;

/// <summary>
/// A tenant's application configuration record: the release it runs, its version history with changelogs, and the
/// release a platform rollout brings. It answers the rollout batch exactly as a device grain does, so one engine rolls
/// out firmware to devices and configuration to tenants: forced releases apply on arrival, soft ones wait for the
/// tenant's administrator, time-forced ones apply at their time (inside the maintenance window), and a rejection
/// counts as the rollout's failure.
/// </summary>
[GrainType("tenant-application")]
public sealed partial class TenantApplicationGrain(
    [PersistentState("application", StorageNames.Tenants)] IPersistentState<TenantApplicationState> application,
    TimeProvider time,
    ILogger<TenantApplicationGrain> logger) : Grain, ITenantApplicationGrain
{
    private const int MaxHistory = 100;
    private const int MaxActions = 50;

    private IGrainTimer? _forceTimer;

    private string TenantId => this.GetPrimaryKeyString();

    private TenantApplicationState State => application.State;

    private ApplicationAction? Pending => State.Actions.LastOrDefault(action => action.IsActive);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ArmForceTimer();
        return Task.CompletedTask;
    }

    public Task<TenantApplicationInfo> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new TenantApplicationInfo(State.Current, State.Configuration, Pending, [.. Enumerable.Reverse(State.History)]));

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        _forceTimer?.Dispose();
        _forceTimer = null;
        await application.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    public async Task<RolloutDispatch> AcceptAsync(AssignmentRequest request, CancellationToken cancellationToken)
    {
        RolloutLink link = request.Rollout ?? throw new ArgumentException("An application release arrives with its rollout.", nameof(request));
        long releaseId = request.Deployment.DistributionSetId;
        ApplicationAction? own = State.Actions.LastOrDefault(action => action.Rollout?.RolloutId == link.RolloutId && action.ReleaseId == releaseId
            && (action.IsActive || action.Id == State.Current?.ActionId));
        if (own is not null)
        {
            return new RolloutDispatch(RolloutDispatchOutcome.Assigned, own.Id, own.Status, own.PreviousReleaseId);
        }

        TenantStatus status = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetStatusAsync(cancellationToken);
        if (status != TenantStatus.Active)
        {
            return new RolloutDispatch(RolloutDispatchOutcome.Unavailable, Reason: status == TenantStatus.None ? "Tenant does not exist." : "Tenant is suspended.");
        }

        if (Pending is ApplicationAction pending && pending.Rollout?.RolloutId != link.RolloutId)
        {
            if (pending.Rollout is RolloutLink other && other.Priority >= link.Priority)
            {
                return new RolloutDispatch(RolloutDispatchOutcome.Busy,
                    Reason: $"Tenant waits on rollout {other.RolloutId} (priority {other.Priority}), which is not lower than this rollout's ({link.Priority}).");
            }

            await EndAsync(pending, ActionStatus.Canceled, $"Superseded by rollout {link.RolloutId}.", "Carmen", cancellationToken);
        }

        if (Pending is null && State.Current?.ReleaseId == releaseId)
        {
            return new RolloutDispatch(RolloutDispatchOutcome.AlreadyInstalled, Reason: $"Tenant already runs release {request.Deployment.Version}.");
        }

        DateTimeOffset now = time.GetUtcNow();
        var action = new ApplicationAction(++State.LastActionId, releaseId, request.Deployment.Version, request.Type, ActionStatus.WaitingForConfirmation,
            now, now, link, State.Current?.ReleaseId, request.ForceTime, MaintenanceWindow: request.MaintenanceWindow);
        State.Actions.Add(action);
        LogOffered(TenantId, action.Id, action.Version, link.RolloutId, action.Type);
        action = await ApplyIfDueAsync(action, cancellationToken) ?? action;
        await SaveAsync(cancellationToken);
        ArmForceTimer();
        return new RolloutDispatch(RolloutDispatchOutcome.Assigned, action.Id, action.Status, action.PreviousReleaseId);
    }

    public async Task<ActionStatus?> GetActionStatusAsync(long actionId, CancellationToken cancellationToken)
    {
        ApplicationAction? action = Find(actionId);
        if (action is { IsActive: true } && await ApplyIfDueAsync(action, cancellationToken) is ApplicationAction applied)
        {
            await SaveAsync(cancellationToken);
            return applied.Status;
        }

        return action?.Status;
    }

    public async Task<ActionStatus?> WithdrawAsync(long actionId, CancellationToken cancellationToken)
    {
        ApplicationAction? action = Find(actionId);
        return action is { IsActive: true }
            ? (await EndAsync(action, ActionStatus.Canceled, "Withdrawn by its rollout.", "Carmen", cancellationToken)).Status
            : action?.Status;
    }

    public async Task<ActionStatus?> ExpireAsync(long actionId, string reason, CancellationToken cancellationToken)
    {
        ApplicationAction? action = Find(actionId);
        return action is { IsActive: true }
            ? (await EndAsync(action, ActionStatus.Error, reason, "Carmen", cancellationToken)).Status
            : action?.Status;
    }

    /// <summary>Tenant rollouts have no health gate (the rules refuse one), so a finished release is healthy.</summary>
    public Task<HealthVerdict> ConcludeHealthWatchAsync(long actionId, CancellationToken cancellationToken) =>
        Task.FromResult(new HealthVerdict(true));

    public async Task<ApplicationAction> AcceptActionAsync(long actionId, string by, CancellationToken cancellationToken)
    {
        ApplicationAction action = Waiting(actionId);
        ApplicationAction applied = await ApplyAsync(action with { DecidedBy = by }, cancellationToken);
        await SaveAsync(cancellationToken);
        await ReportAsync(applied);
        return applied;
    }

    public async Task<ApplicationAction> RejectActionAsync(long actionId, string by, string? reason, CancellationToken cancellationToken)
    {
        ApplicationAction action = Waiting(actionId);
        string why = $"Rejected by {by}{(string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}")}.";
        return await EndAsync(action, ActionStatus.Error, why, by, cancellationToken);
    }

    /// <summary>Applies a waiting action when nobody needs to decide: forced, or time-forced past its time, inside its window.</summary>
    private async Task<ApplicationAction?> ApplyIfDueAsync(ApplicationAction action, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        bool due = action.Type == ActionType.Forced || (action.Type == ActionType.TimeForced && action.ForceTime <= now);
        bool windowOpen = action.MaintenanceWindow is null || MaintenanceWindows.IsOpen(action.MaintenanceWindow, now);
        return due && windowOpen ? await ApplyAsync(action, cancellationToken) : null;
    }

    private async Task<ApplicationAction> ApplyAsync(ApplicationAction action, CancellationToken cancellationToken)
    {
        ApplicationRelease release = await GrainFactory.GetGrain<IApplicationCatalogGrain>(IApplicationCatalogGrain.Key).GetAsync(action.ReleaseId, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();

        // The same rollout bringing a different release than one it already applied here is its rollback.
        bool rollback = State.Actions.Any(earlier => earlier.Rollout?.RolloutId == action.Rollout?.RolloutId && earlier.Id != action.Id
            && earlier.Status == ActionStatus.Finished && earlier.ReleaseId != action.ReleaseId);
        var applied = new AppliedRelease(release.Id, release.Version, release.Changelog, now, action.Id, action.Rollout?.RolloutId, State.Current?.Version, rollback);
        (State.Current, State.Configuration) = (applied, release.Configuration);
        State.History.Add(applied);
        if (State.History.Count > MaxHistory)
        {
            State.History.RemoveRange(0, State.History.Count - MaxHistory);
        }

        action = action with { Status = ActionStatus.Finished, UpdatedAt = now };
        Replace(action);
        LogApplied(TenantId, action.Id, applied.PreviousVersion, applied.Version, rollback);
        return action;
    }

    private async Task<ApplicationAction> EndAsync(ApplicationAction action, ActionStatus status, string reason, string by, CancellationToken cancellationToken)
    {
        action = action with { Status = status, Reason = reason, DecidedBy = by, UpdatedAt = time.GetUtcNow() };
        Replace(action);
        await SaveAsync(cancellationToken);
        LogEnded(TenantId, action.Id, status, reason);
        await ReportAsync(action);
        return action;
    }

    /// <summary>Tells the action's rollout batch how it ended (one-way), as a device does.</summary>
    private Task ReportAsync(ApplicationAction action)
    {
        if (action.Rollout is not RolloutLink link)
        {
            return Task.CompletedTask;
        }

        return GrainFactory.GetGrain<IRolloutBatchGrain>(RolloutKeys.Batch(RolloutKeys.PlatformScope, link.RolloutId, link.Batch))
            .ReportAsync(new RolloutReport(TenantId, action.Id, RolloutReport.KindOf(action.Status), action.Reason));
    }

    /// <summary>While active, applies a time-forced release at its time; the batch's periodic check covers a deactivated grain.</summary>
    private void ArmForceTimer()
    {
        _forceTimer?.Dispose();
        _forceTimer = null;
        if (Pending is { Type: ActionType.TimeForced, ForceTime: DateTimeOffset forceTime } pending)
        {
            TimeSpan due = forceTime - time.GetUtcNow();
            TimeSpan period = pending.MaintenanceWindow is null ? Timeout.InfiniteTimeSpan : TimeSpan.FromMinutes(1);
            _forceTimer = this.RegisterGrainTimer(ApplyDueAsync, new GrainTimerCreationOptions(due < TimeSpan.Zero ? TimeSpan.Zero : due, period));
        }
    }

    private async Task ApplyDueAsync(CancellationToken cancellationToken)
    {
        if (Pending is ApplicationAction pending && await ApplyIfDueAsync(pending, cancellationToken) is ApplicationAction applied)
        {
            await SaveAsync(cancellationToken);
            await ReportAsync(applied);
            ArmForceTimer();
        }
    }

    private ApplicationAction Waiting(long actionId)
    {
        ApplicationAction action = Find(actionId) ?? throw CarmenException.NotFound($"Tenant {TenantId} has no application action {actionId}.");
        return action.IsActive
            ? action
            : throw CarmenException.Conflict($"Action {actionId} is {action.Status}; only a waiting release can be accepted or rejected.");
    }

    private ApplicationAction? Find(long actionId) => State.Actions.FirstOrDefault(action => action.Id == actionId);

    private void Replace(ApplicationAction action)
    {
        int index = State.Actions.FindIndex(existing => existing.Id == action.Id);
        State.Actions[index] = action;
    }

    private Task SaveAsync(CancellationToken cancellationToken)
    {
        int excess = State.Actions.Count - MaxActions;
        if (excess > 0)
        {
            // Oldest settled actions go first; the active one stays whatever its age.
            State.Actions.RemoveAll(action => !action.IsActive && excess-- > 0);
        }

        return application.WriteStateAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: application action {ActionId} offers release {Version} (rollout {RolloutId}, {Type})")]
    private partial void LogOffered(string tenantId, long actionId, string version, long rolloutId, ActionType type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: action {ActionId} applied release {Version} (was {PreviousVersion}; rollback: {Rollback})")]
    private partial void LogApplied(string tenantId, long actionId, string? previousVersion, string version, bool rollback);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: application action {ActionId} ended {Status}: {Reason}")]
    private partial void LogEnded(string tenantId, long actionId, ActionStatus status, string reason);
}
