using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Rollouts;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Devices;

/// <summary>
/// The rollout side of a device: taking (or refusing) a rollout's action by the overlap rule, whether a batch calls or
/// posted it to the device's inbox; answering and ending actions for the batch, telling the batch how actions end, and
/// watching the health gate on incoming telemetry.
/// </summary>
public sealed partial class DeviceGrain : IRolloutTargetGrain
{
    private HealthExpression? _healthExpression;

    private async Task TryTakePostedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await TakePostedAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The device still works; the post stays and is taken at its next poll, connect or ping.
            LogTakeFailed(failure, Key.TenantId, Key.DeviceId);
        }
    }

    public Task TakePostedActionsAsync(CancellationToken cancellationToken) => TakePostedAsync(cancellationToken);

    public async Task<RolloutDispatch> AcceptAsync(AssignmentRequest request, CancellationToken cancellationToken)
    {
        // A batch calling about its post (the answer never came) must find the post taken, not left for later.
        await TakePostedAsync(cancellationToken);
        return await DecideAsync(request, cancellationToken);
    }

    /// <summary>The overlap rule: takes the rollout's action unless something of equal or higher standing holds the device.</summary>
    private async Task<RolloutDispatch> DecideAsync(AssignmentRequest request, CancellationToken cancellationToken)
    {
        RolloutLink link = request.Rollout ?? throw new ArgumentException("A rollout assignment names its rollout.", nameof(request));
        if (!IsRegistered || device.State.Status is DeviceStatus.Decommissioned or DeviceStatus.Quarantined or DeviceStatus.Isolated)
        {
            return new RolloutDispatch(RolloutDispatchOutcome.Unavailable, Reason: IsRegistered ? $"Device is {device.State.Status}." : "Device does not exist.");
        }

        DeviceState state = device.State;
        Deployment deployment = request.Deployment;
        if (IncompatibleType(state, deployment) is string incompatible)
        {
            return new RolloutDispatch(RolloutDispatchOutcome.Unavailable, Reason: incompatible);
        }

        UpdateAction? own = state.Actions.LastOrDefault(action => action.Rollout?.RolloutId == link.RolloutId
            && action.Deployment.DistributionSetId == deployment.DistributionSetId && (action.IsActive || action.Id == state.InstalledActionId));
        if (own is not null)
        {
            return new RolloutDispatch(RolloutDispatchOutcome.Assigned, own.Id, own.Status, own.PreviousDistributionSetId);
        }

        UpdateAction? current = UpdateActions.Active(state.Actions);
        if (current is not null && current.Rollout?.RolloutId != link.RolloutId)
        {
            string? busy = current.Rollout switch
            {
                null => $"Device has a manual assignment (action {current.Id}); a rollout never takes a device from an operator.",
                RolloutLink other when other.Priority >= link.Priority =>
                    $"Device is in rollout {other.RolloutId} (priority {other.Priority}), which is not lower than this rollout's ({link.Priority}).",
                RolloutLink other when current.Deployment.DistributionSetId == deployment.DistributionSetId =>
                    $"Device already gets distribution set {deployment.DistributionSetId} from rollout {other.RolloutId}.",
                _ => null, // a lower-priority rollout's action: superseded below
            };
            if (busy is not null)
            {
                return new RolloutDispatch(RolloutDispatchOutcome.Busy, Reason: busy);
            }
        }

        if (current is null && state.InstalledDistributionSetId == deployment.DistributionSetId)
        {
            return new RolloutDispatch(RolloutDispatchOutcome.AlreadyInstalled, Reason: $"Distribution set {deployment.DistributionSetId} is already installed.");
        }

        state.HealthWatch = null;
        UpdateAction action = await AssignAsync(request, cancellationToken);
        return new RolloutDispatch(RolloutDispatchOutcome.Assigned, action.Id, action.Status, action.PreviousDistributionSetId);
    }

    public Task<ActionStatus?> GetActionStatusAsync(long actionId, CancellationToken cancellationToken) =>
        Task.FromResult(FindAction(actionId)?.Status);

    public async Task<ActionStatus?> WithdrawAsync(long actionId, CancellationToken cancellationToken)
    {
        UpdateAction? action = FindAction(actionId);
        return action is { IsActive: true, Status: not ActionStatus.Canceling }
            ? (await CancelActionAsync(actionId, cancellationToken)).Status
            : action?.Status;
    }

    public async Task<ActionStatus?> ExpireAsync(long actionId, string reason, CancellationToken cancellationToken)
    {
        UpdateAction? action = FindAction(actionId);
        if (action is not { IsActive: true })
        {
            return action?.Status;
        }

        DateTimeOffset now = time.GetUtcNow();
        var expiry = new ActionFeedback(now, FeedbackExecution.Closed, FeedbackResult.Failure, [$"Carmen: {reason}"]);
        action = action with
        {
            Status = ActionStatus.Error,
            UpdatedAt = now,
            Feedback = UpdateActions.Appended(action.Feedback, expiry),
            Revision = action.Revision + 1,
        };
        Replace(action);
        await SaveAsync(cancellationToken);
        LogActionStatus(Key.TenantId, Key.DeviceId, actionId, ActionStatus.Error);
        await PushUpdateActionAsync();
        await ActionFailedAsync(action);
        return ActionStatus.Error;
    }

    public async Task<HealthVerdict> ConcludeHealthWatchAsync(long actionId, CancellationToken cancellationToken)
    {
        HealthWatch? watch = IsRegistered ? device.State.HealthWatch : null;
        if (watch is null || watch.ActionId != actionId)
        {
            return new HealthVerdict(false, "The device no longer watches this action (a newer action replaced it).");
        }

        if (watch.Verdict is HealthVerdict concluded)
        {
            return concluded;
        }

        HealthGate gate = watch.Link.HealthGate!;
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset? lastSeen = _lastSeenAt ?? device.State.LastSeenAt;
        HealthVerdict verdict = watch.Breach is string breach ? new HealthVerdict(false, breach)
            : gate.RequireHeartbeat && !(lastSeen >= now - gate.Window / 2)
                ? new HealthVerdict(false, $"No message from the device in the last {gate.Window / 2} of its health window.")
            : new HealthVerdict(true);
        device.State.HealthWatch = watch with { Verdict = verdict };
        await SaveAsync(cancellationToken);
        return verdict;
    }

    /// <summary>Tells the action's rollout batch how it ended (one-way), and opens the health watch for a success under a gate.</summary>
    private async Task ReportToRolloutAsync(UpdateAction action)
    {
        if (action.Rollout is not RolloutLink link || action.IsActive)
        {
            return;
        }

        string? detail = action.Feedback.Count > 0 && action.Feedback[^1].Details.Count > 0 ? string.Join(" ", action.Feedback[^1].Details) : null;
        await RolloutBatch(link).ReportAsync(new RolloutReport(Key.DeviceId, action.Id, RolloutReport.KindOf(action.Status), detail));
    }

    /// <summary>On the telemetry path: nothing unless a health watch is open; then the expression over the latest values.</summary>
    private async Task CheckHealthAsync(HealthWatch watch)
    {
        string expression = watch.Link.HealthGate!.Expression;
        if (_healthExpression?.Text != expression)
        {
            _healthExpression = HealthExpression.Parse(expression);
        }

        Dictionary<string, TimestampedValue> latest = device.State.LatestTelemetry;
        double? Value(string key) => latest.TryGetValue(key, out TimestampedValue value) && value.Value.Kind is TelemetryValueKind.Number or TelemetryValueKind.Boolean
            ? value.Value.Number
            : null;
        if (_healthExpression.Evaluate(Value) != false)
        {
            return;
        }

        string breach = _healthExpression.Explain(Value);
        device.State.HealthWatch = watch with { Breach = breach };
        await SaveAsync(CancellationToken.None);
        LogHealthBreach(Key.TenantId, Key.DeviceId, watch.ActionId, breach);
        await RolloutBatch(watch.Link).ReportAsync(new RolloutReport(Key.DeviceId, watch.ActionId, RolloutReportKind.Regressed, breach));
    }

    /// <summary>
    /// Takes each action posted to the device, oldest first, by the same rule as a batch's call, and sends the batch
    /// the answer it would have had; the post is removed after. Taking one twice answers the same action.
    /// </summary>
    private async Task TakePostedAsync(CancellationToken cancellationToken)
    {
        if (!IsRegistered)
        {
            return;
        }

        foreach (AssignmentRequest request in await inbox.PeekAsync(Key, cancellationToken))
        {
            RolloutLink link = request.Rollout!;
            RolloutDispatch answer = await DecideAsync(request, cancellationToken);
            await RolloutBatch(link).TakenAsync(Key.DeviceId, answer);
            await inbox.RemoveAsync(Key, link.RolloutId, cancellationToken);
        }
    }

    private IRolloutBatchGrain RolloutBatch(RolloutLink link) =>
        GrainFactory.GetGrain<IRolloutBatchGrain>(RolloutKeys.Batch(Key.TenantId, link.RolloutId, link.Batch));

    private UpdateAction? FindAction(long actionId) =>
        IsRegistered ? device.State.Actions.FirstOrDefault(action => action.Id == actionId) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {TenantId}/{DeviceId}: reading its rollout inbox failed; it is read again at the next poll or connect")]
    private partial void LogTakeFailed(Exception exception, string tenantId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {TenantId}/{DeviceId}: action {ActionId} breached its health gate: {Breach}")]
    private partial void LogHealthBreach(string tenantId, string deviceId, long actionId, string breach);
}
