using System.Diagnostics;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Users;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Alerts;

/// <summary>
/// One occurrence of a rule on a device, from raise to clear; a later occurrence is a new alert (ThingsBoard keeps one
/// per type, which users asked to change). The state is the truth; its index row is written after every change.
/// </summary>
[GrainType("alert")]
public sealed partial class AlertGrain(
    [PersistentState("alert", StorageNames.Alerts)] IPersistentState<AlertGrainState> alert,
    IAlertIndex index,
    TimeProvider time,
    ILogger<AlertGrain> logger) : Grain, IAlertGrain
{
    private const int MaxComments = 500;
    private const int MaxCommentLength = 4000;

    private AlertKey Key => AlertKey.Parse(this.GetPrimaryKeyString());

    private AlertGrainState State => alert.State;

    public async Task<AlertInfo> RaiseAsync(AlertRaised raised, CancellationToken cancellationToken)
    {
        if (State.Raised is not null)
        {
            return ToInfo();
        }

        (State.Raised, State.Occurrences, State.LastOccurredAt, State.LatestDetails) = (raised, 1, raised.At, new(raised.Details));
        State.TeamIds = [.. await RouteAsync(raised, cancellationToken)];
        await SaveAsync(cancellationToken);
        Count("raised");
        LogRaised(Key.TenantId, Key.AlertId, raised.Severity, raised.RuleName, raised.DeviceId);
        return ToInfo();
    }

    public async Task<bool> RecurAsync(DateTimeOffset at, IReadOnlyDictionary<string, TimestampedValue> details, CancellationToken cancellationToken)
    {
        if (State.Raised is null || State.ClearedAt is not null)
        {
            return false;
        }

        State.Occurrences++;
        (State.LastOccurredAt, State.LatestDetails) = (at, new(details));
        await SaveAsync(cancellationToken);
        Count("recurred");
        return true;
    }

    public async Task ClearByRuleAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (State.Raised is not null && State.ClearedAt is null)
        {
            await ClearAsync(at, AlertInfo.RuleActor, cancellationToken);
        }
    }

    public async Task<AlertInfo> AcknowledgeAsync(string user, CancellationToken cancellationToken)
    {
        RequireRaised();
        if (State.AcknowledgedAt is null)
        {
            (State.AcknowledgedAt, State.AcknowledgedBy) = (time.GetUtcNow(), user);
            await SaveAsync(cancellationToken);
            StopEscalation();
            Count("acknowledged");
            LogAcknowledged(Key.TenantId, Key.AlertId, user);
        }

        return ToInfo();
    }

    public async Task<AlertInfo> ClearAsync(string user, CancellationToken cancellationToken)
    {
        AlertRaised raised = RequireRaised();
        if (State.ClearedAt is null)
        {
            await ClearAsync(time.GetUtcNow(), user, cancellationToken);
            if (!raised.IsTenantLevel)
            {
                // The rule must stop counting this alert as active, or it would never raise the next one.
                GrainFactory.GetGrain<IAlertingDeviceGrain>(new DeviceKey(Key.TenantId, raised.DeviceId).ToString())
                    .AlertClearedAsync(raised.RuleId, Key.AlertId).Ignore();
            }
        }

        return ToInfo();
    }

    public async Task<AlertInfo> AssignAsync(string? assignee, string user, CancellationToken cancellationToken)
    {
        RequireRaised();
        if (assignee is not null)
        {
            UserInfo? found = await GrainFactory.GetGrain<IUserGrain>(UserKeys.Of(Key.TenantId, assignee)).FindAsync(cancellationToken);
            if (found?.TenantId != Key.TenantId)
            {
                throw CarmenException.Invalid("assignee", $"Tenant '{Key.TenantId}' has no user '{assignee}'.");
            }
        }

        (State.Assignee, State.AssignedAt, State.AssignedBy) = (assignee, time.GetUtcNow(), user);
        await SaveAsync(cancellationToken);
        return ToInfo();
    }

    public async Task<AlertInfo> CommentAsync(string user, string text, CancellationToken cancellationToken)
    {
        RequireRaised();
        text = text.Trim();
        if (text.Length is 0 or > MaxCommentLength)
        {
            throw CarmenException.Invalid("text", $"A comment is 1 to {MaxCommentLength} characters.");
        }

        if (State.Comments.Count >= MaxComments)
        {
            throw CarmenException.Conflict($"An alert takes at most {MaxComments} comments.");
        }

        State.Comments.Add(new AlertComment(time.GetUtcNow(), user, text));
        await alert.WriteStateAsync(cancellationToken); // comments are not in the index row
        return ToInfo();
    }

    public Task<AlertInfo> GetAsync(CancellationToken cancellationToken)
    {
        RequireRaised();
        return Task.FromResult(ToInfo());
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        await alert.ClearStateAsync(cancellationToken);
        await index.RemoveAsync(Key, cancellationToken);
        DeactivateOnIdle();
    }

    private async Task ClearAsync(DateTimeOffset at, string by, CancellationToken cancellationToken)
    {
        (State.ClearedAt, State.ClearedBy) = (at, by);
        await SaveAsync(cancellationToken);
        StopEscalation();
        Count("cleared", by == AlertInfo.RuleActor ? "rule" : "operator");
        LogCleared(Key.TenantId, Key.AlertId, by);
    }

    private async Task<IReadOnlyList<long>> RouteAsync(AlertRaised raised, CancellationToken cancellationToken)
    {
        try
        {
            return await GrainFactory.GetGrain<IAlertRoutingGrain>(Key.TenantId).RouteAsync(Key.AlertId, raised, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The alert is worth more than its routing: it is kept (and listed) even if no team or escalation hears of it.
            LogRoutingFailed(failure, Key.TenantId, Key.AlertId);
            return [];
        }
    }

    private void StopEscalation()
    {
        if (State.Raised!.EscalationPathId is not null)
        {
            // One-way: the schedule asks the alert before each notification, so a lost stop still notifies no one.
            GrainFactory.GetGrain<IAlertRoutingGrain>(Key.TenantId).StopAsync(Key.AlertId).Ignore();
        }
    }

    private AlertRaised RequireRaised() =>
        State.Raised ?? throw CarmenException.NotFound($"Tenant '{Key.TenantId}' has no alert '{Key.AlertId}'.");

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await alert.WriteStateAsync(cancellationToken);
        await index.UpsertAsync(Key.TenantId, ToSummary(), cancellationToken);
    }

    private AlertSummary ToSummary()
    {
        AlertRaised raised = State.Raised!;
        return new AlertSummary(
            Key.AlertId, raised.DeviceId, raised.ClusterId, raised.RuleId, raised.RuleName, raised.Severity, State.Lifecycle,
            raised.At, State.LastOccurredAt, State.Occurrences, State.AcknowledgedAt, State.ClearedAt, State.Assignee, [.. State.TeamIds]);
    }

    private AlertInfo ToInfo() => new(
        Key.AlertId, State.Lifecycle, State.Raised!, State.Occurrences, State.LastOccurredAt, new Dictionary<string, TimestampedValue>(State.LatestDetails),
        State.AcknowledgedAt, State.AcknowledgedBy, State.ClearedAt, State.ClearedBy, State.Assignee, State.AssignedAt, State.AssignedBy,
        [.. State.Comments], [.. State.TeamIds]);

    private void Count(string change, string? by = null)
    {
        var tags = new TagList { { "change", change }, { "severity", State.Raised!.Severity.ToString() } };
        if (by is not null)
        {
            tags.Add("by", by);
        }

        CarmenDiagnostics.AlertTransitions.Add(1, tags);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TenantId}/{AlertId} raised: {Severity} {RuleName} on device {DeviceId}")]
    private partial void LogRaised(string tenantId, string alertId, AlertSeverity severity, string ruleName, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {TenantId}/{AlertId} could not be routed to teams or escalated")]
    private partial void LogRoutingFailed(Exception failure, string tenantId, string alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TenantId}/{AlertId} acknowledged by {User}")]
    private partial void LogAcknowledged(string tenantId, string alertId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TenantId}/{AlertId} cleared by {User}")]
    private partial void LogCleared(string tenantId, string alertId, string user);
}
