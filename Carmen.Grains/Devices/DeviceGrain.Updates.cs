using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Devices;

/// <summary>
/// The update side of a device: actions with hawkBit's states, fed by the device's DDI or MQTT feedback. Every change
/// is saved with the index row (installed and target set), and pushed to the device when it listens on MQTT.
/// </summary>
public sealed partial class DeviceGrain : IUpdatableDeviceGrain
{
    public async Task<UpdateAction> AssignAsync(AssignmentRequest request, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        RequireNotIsolated("updates");
        Deployment deployment = request.Deployment;
        if (IncompatibleType(state, deployment) is string incompatible)
        {
            throw CarmenException.Invalid("distributionSetId", incompatible);
        }

        if (request.Type == ActionType.TimeForced && request.ForceTime is null)
        {
            throw CarmenException.Invalid("forceTime", "A time-forced action needs the time it becomes forced.");
        }

        if (request.MaintenanceWindow is MaintenanceWindow window)
        {
            MaintenanceWindows.Validate(window);
        }

        UpdateAction? current = UpdateActions.Active(state.Actions);
        if (current?.Deployment.DistributionSetId == deployment.DistributionSetId)
        {
            throw CarmenException.Conflict($"Distribution set {deployment.DistributionSetId} is already assigned to device '{Key.DeviceId}' (action {current.Id}).", "distributionSetId");
        }

        if (current is null && state.InstalledDistributionSetId == deployment.DistributionSetId)
        {
            throw CarmenException.Conflict($"Distribution set {deployment.DistributionSetId} is already installed on device '{Key.DeviceId}'.", "distributionSetId");
        }

        DateTimeOffset now = time.GetUtcNow();
        if (current is not null)
        {
            // Superseded, as in hawkBit: the device is asked to cancel the old action before it sees the new one.
            Replace(current with { Status = ActionStatus.Canceling, UpdatedAt = now, Revision = current.Revision + 1 });
        }

        // hawkBit's confirmation flow: the device (or its user) confirms before it starts, unless it auto-confirms.
        ActionStatus initial = request.ConfirmationRequired && state.AutoConfirm is null ? ActionStatus.WaitingForConfirmation : ActionStatus.Running;
        var action = new UpdateAction(++state.LastActionId, deployment, request.Type, initial, now, now, [],
            request.ForceTime, request.MaintenanceWindow, request.Rollout, state.InstalledDistributionSetId);
        state.Actions.Add(action);
        UpdateActions.Trim(state.Actions, state.InstalledActionId);
        await SaveAsync(cancellationToken);
        CarmenDiagnostics.UpdateActions.Add(1, new KeyValuePair<string, object?>("status", "assigned"));
        LogAssigned(Key.TenantId, Key.DeviceId, action.Id, deployment.DistributionSetId, request.Type);
        await PushUpdateActionAsync();
        return action;
    }

    public async Task<IReadOnlyList<UpdateAction>> GetActionsAsync(CancellationToken cancellationToken)
    {
        await TakePostedAsync(cancellationToken);
        return [.. Enumerable.Reverse(RequireRegistered().Actions)];
    }

    public Task<UpdateAction> GetActionAsync(long actionId, CancellationToken cancellationToken) => Task.FromResult(Action(actionId));

    public async Task<UpdateAction> CancelActionAsync(long actionId, CancellationToken cancellationToken)
    {
        UpdateAction action = Action(actionId);
        if (!action.IsActive && action.Status != ActionStatus.Scheduled)
        {
            throw CarmenException.Conflict($"Action {actionId} is {action.Status} and can no longer be canceled.");
        }

        if (action.Status == ActionStatus.Canceling)
        {
            return action;
        }

        ActionStatus next = action.Status == ActionStatus.Scheduled ? ActionStatus.Canceled : ActionStatus.Canceling;
        action = action with { Status = next, UpdatedAt = time.GetUtcNow(), Revision = action.Revision + 1 };
        Replace(action);
        await SaveAsync(cancellationToken);
        LogActionStatus(Key.TenantId, Key.DeviceId, actionId, next);
        await PushUpdateActionAsync();
        await ReportToRolloutAsync(action);
        return action;
    }

    /// <summary>The device's poll (DDI) and the operator's view: a grain kept active by polling takes new posts here.</summary>
    public async Task<DeviceUpdateStatus> GetUpdateStatusAsync(CancellationToken cancellationToken)
    {
        await TakePostedAsync(cancellationToken);
        DeviceState state = RequireRegistered();
        return new DeviceUpdateStatus(state.InstalledDistributionSetId, state.InstalledActionId, OfferFor(state, time.GetUtcNow()),
            state.ConfigDataReceivedAt is null, UpdateActions.TargetDistributionSetId(state.Actions), state.AutoConfirm);
    }

    public async Task<DeviceUpdateStatus> SetAutoConfirmAsync(AutoConfirmation? autoConfirm, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        state.AutoConfirm = autoConfirm;
        List<UpdateAction> waiting = [.. state.Actions.Where(action => action.Status == ActionStatus.WaitingForConfirmation)];
        if (autoConfirm is not null)
        {
            foreach (UpdateAction action in waiting)
            {
                string by = autoConfirm.Initiator is null ? "auto-confirm" : $"auto-confirm of {autoConfirm.Initiator}";
                var confirmation = new ActionFeedback(autoConfirm.ActivatedAt, FeedbackExecution.Proceeding, FeedbackResult.None, [$"Confirmed by {by}."], ForConfirmation: true);
                Replace(action with { Status = ActionStatus.Running, UpdatedAt = autoConfirm.ActivatedAt, Feedback = UpdateActions.Appended(action.Feedback, confirmation), Revision = action.Revision + 1 });
            }
        }

        await SaveAsync(cancellationToken);
        LogAutoConfirm(Key.TenantId, Key.DeviceId, autoConfirm is not null, autoConfirm?.Initiator);
        if (autoConfirm is not null && waiting.Count > 0)
        {
            await PushUpdateActionAsync();
        }

        return await GetUpdateStatusAsync(cancellationToken);
    }

    public Task<DeploymentOffer> GetOfferAsync(long actionId, CancellationToken cancellationToken) =>
        Task.FromResult(UpdateActions.Offer(Action(actionId), time.GetUtcNow()));

    public async Task<FeedbackOutcome> ReportFeedbackAsync(long actionId, ActionFeedback feedback, CancellationToken cancellationToken)
    {
        DeviceState state = RequireRegistered();
        UpdateAction action = Action(actionId);
        if (!action.IsActive)
        {
            return UpdateActions.RepeatsClosing(action, feedback) ? FeedbackOutcome.Accepted : FeedbackOutcome.Gone;
        }

        if (feedback.ForConfirmation)
        {
            return await ConfirmAsync(action, feedback, cancellationToken);
        }

        if (feedback.ForCancellation && action.Status != ActionStatus.Canceling)
        {
            return FeedbackOutcome.NotCancelable; // a device does not cancel what the server did not ask it to
        }

        action = UpdateActions.AfterReport(action, feedback);
        ActionStatus next = action.Status;
        UpdateActions.Replace(state.Actions, action);
        if (UpdateActions.Installs(action))
        {
            (state.InstalledDistributionSetId, state.InstalledActionId) = (action.Deployment.DistributionSetId, action.Id);
            state.FirmwareVersion = $"{action.Deployment.Name} {action.Deployment.Version}";
            if (action.Rollout is { HealthGate: not null } link)
            {
                state.HealthWatch = new HealthWatch(action.Id, link, feedback.At);
            }
        }

        UpdateActions.Trim(state.Actions, state.InstalledActionId);
        await SaveAsync(cancellationToken);
        if (!action.IsActive)
        {
            CarmenDiagnostics.UpdateActions.Add(1, new KeyValuePair<string, object?>("status", next.ToString().ToLowerInvariant()));
            LogActionStatus(Key.TenantId, Key.DeviceId, actionId, next);
            await PushUpdateActionAsync();
            await ReportToRolloutAsync(action);
            if (next == ActionStatus.Error)
            {
                await ActionFailedAsync(action);
            }
        }

        return FeedbackOutcome.Accepted;
    }

    /// <summary>
    /// The device confirms (proceeding) or denies (rejected) an action waiting for its confirmation. A denied action
    /// keeps waiting, as in hawkBit: the user may still confirm it later, or the operator cancels it.
    /// </summary>
    private async Task<FeedbackOutcome> ConfirmAsync(UpdateAction action, ActionFeedback feedback, CancellationToken cancellationToken)
    {
        if (action.Status != ActionStatus.WaitingForConfirmation)
        {
            // A client retrying the confirmation that moved the action on is answered as the first time.
            ActionFeedback? last = action.Feedback.LastOrDefault(entry => entry.ForConfirmation);
            return last is not null && last.Execution == feedback.Execution ? FeedbackOutcome.Accepted : FeedbackOutcome.Gone;
        }

        action = UpdateActions.AfterConfirmation(action, feedback);
        bool confirmed = action.Status == ActionStatus.Running;
        UpdateActions.Replace(device.State.Actions, action);
        await SaveAsync(cancellationToken);
        LogConfirmation(Key.TenantId, Key.DeviceId, action.Id, confirmed);
        if (confirmed)
        {
            await PushUpdateActionAsync();
        }

        return FeedbackOutcome.Accepted;
    }

    public async Task PutConfigDataAsync(IReadOnlyDictionary<string, string> data, ConfigDataMode mode, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        switch (mode)
        {
            case ConfigDataMode.Replace:
                AttributeLimits.Require(data, "data");
                state.ClientAttributes = new Dictionary<string, string>(data);
                break;
            case ConfigDataMode.Remove:
                foreach (string key in data.Keys)
                {
                    state.ClientAttributes.Remove(key);
                }

                break;
            default:
                state.ClientAttributes = AttributeLimits.Merge(state.ClientAttributes, data, "data");
                break;
        }

        state.ConfigDataReceivedAt = time.GetUtcNow();
        await SaveAsync(cancellationToken);
    }

    public async Task<ConnectDecision> AuthorizeGatewayAsync(CancellationToken cancellationToken) =>
        !IsRegistered ? ConnectDecision.BadCredentials
        : await MayConnectAsync(cancellationToken) ? ConnectDecision.Accepted
        : ConnectDecision.NotAuthorized;

    public Task<ArtifactInfo?> FindDownloadAsync(long moduleId, string fileName, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        ArtifactInfo? artifact = state.Actions
            .Where(action => action.IsActive || action.Id == state.InstalledActionId)
            .SelectMany(action => action.Deployment.Chunks)
            .Where(chunk => chunk.ModuleId == moduleId)
            .SelectMany(chunk => chunk.Artifacts)
            .FirstOrDefault(candidate => candidate.FileName == fileName);
        return Task.FromResult(artifact);
    }

    public async Task UpdatesSubscribedAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (IsRegistered && device.State.Connection?.ConnectionId == connectionId)
        {
            await PushUpdateActionAsync(onlyWhenActive: true);
        }
    }

    /// <summary>Why the device cannot take the deployment (its type is not among the set's), or null when it can.</summary>
    private string? IncompatibleType(DeviceState state, Deployment deployment) =>
        deployment.DeviceTypes.Count > 0 && (state.Type is null || !deployment.DeviceTypes.Contains(state.Type))
            ? $"Distribution set {deployment.DistributionSetId} is for device types {string.Join(", ", deployment.DeviceTypes)}; device '{Key.DeviceId}' is of type '{state.Type ?? "(none)"}'."
            : null;

    private UpdateAction Action(long actionId) =>
        RequireRegistered().Actions.FirstOrDefault(action => action.Id == actionId)
        ?? throw CarmenException.NotFound($"Device '{Key.DeviceId}' has no action {actionId}.");

    private void Replace(UpdateAction action) => UpdateActions.Replace(device.State.Actions, action);

    /// <summary>
    /// Tells a connected device its current action, when it listens on the OTA topic; after a change also that none is
    /// left. A device coming online hears only about work waiting for it.
    /// </summary>
    private async Task PushUpdateActionAsync(bool onlyWhenActive = false)
    {
        DateTimeOffset now = time.GetUtcNow();
        DeploymentOffer? offer = OfferFor(device.State, now);
        if (device.State.Connection is not DeviceConnection connection || (onlyWhenActive && offer is null))
        {
            return;
        }

        byte[] payload = UpdateActionPayload.Write(Key, offer);
        WatchOfferChange(offer?.Action, now);
        await TellLinkAsync(connection, link => link.SendAsync(connection.ConnectionId, new DeviceMessage(DeviceTopics.UpdateAction, payload)));
        await PushFirmwareAttributesAsync(now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId}: action {ActionId} installs distribution set {DistributionSetId} ({ActionType})")]
    private partial void LogAssigned(string tenantId, string deviceId, long actionId, long distributionSetId, ActionType actionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId}: action {ActionId} confirmed: {Confirmed}")]
    private partial void LogConfirmation(string tenantId, string deviceId, long actionId, bool confirmed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId}: auto-confirm {Active} (initiator {Initiator})")]
    private partial void LogAutoConfirm(string tenantId, string deviceId, bool active, string? initiator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId}: action {ActionId} is {Status}")]
    private partial void LogActionStatus(string tenantId, string deviceId, long actionId, ActionStatus status);
}
