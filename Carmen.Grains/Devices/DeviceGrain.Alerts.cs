using Carmen.Grains.Alerts;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Devices;

/// <summary>
/// Alert rules evaluated where the device's data already is: on each message (only the rules reading one of its
/// keys), on presence changes and events, and by a one-shot timer at the next moment time alone changes an outcome
/// (data turning stale, an outage growing long, a condition having held for its forSeconds). Evaluation state lives in
/// memory; only which alert each rule has active is saved, when that changes, so a reactivated device carries on.
/// </summary>
public sealed partial class DeviceGrain : IAlertingDeviceGrain
{
    private readonly DeviceAlerting _alerting = new();
    private IGrainTimer? _alertClock;
    private DateTimeOffset _alertClockDue;

    /// <summary>What the index holds when the sweep woke the device: some due time, to be replaced or cleared.</summary>
    private static readonly DateTimeOffset s_staleAlertDue = DateTimeOffset.MinValue;

    // What this activation wrote to the index's alert due time; unknown (false) after activation.
    private DateTimeOffset? _alertDueRecorded;
    private bool _alertDueKnown;

    public async Task AlertClearedAsync(long ruleId, string alertId)
    {
        DeviceState state = device.State;
        if (IsRegistered && state.ActiveAlerts.GetValueOrDefault(ruleId) == alertId)
        {
            state.ActiveAlerts.Remove(ruleId);
            _alerting.Forget(ruleId);
            await device.WriteStateAsync();
        }
    }

    public async Task CheckAlertsAsync()
    {
        // Woken by the sweep, so the index holds a due time for this device: the evaluation records its own moment,
        // or (when nothing is pending any more, or the device was decommissioned meanwhile) the stale one is cleared.
        (_alertDueRecorded, _alertDueKnown) = (s_staleAlertDue, true);
        await EvaluateAlertsAsync();
        if (_alertDueRecorded == s_staleAlertDue)
        {
            await RecordAlertDueAsync(null);
        }
    }

    /// <summary>Evaluates the rules the message can affect: those reading one of its keys.</summary>
    private Task EvaluateAlertsAsync(TelemetryPoint[] points) => EvaluateAlertsAsync(points, alertEvent: null, eventDetails: null);

    /// <summary>Evaluates every rule covering the device, after a presence change or a tick of the alert clock.</summary>
    private Task EvaluateAlertsAsync() => EvaluateAlertsAsync(null, alertEvent: null, eventDetails: null);

    /// <summary>Evaluates every rule covering the device on an event; its details join those of an alert it raises.</summary>
    private Task EvaluateAlertsAsync(string alertEvent, Dictionary<string, TimestampedValue> eventDetails) =>
        EvaluateAlertsAsync(null, alertEvent, eventDetails);

    private async Task EvaluateAlertsAsync(TelemetryPoint[]? points, string? alertEvent, Dictionary<string, TimestampedValue>? eventDetails)
    {
        if (!IsRegistered || device.State.Status == DeviceStatus.Decommissioned)
        {
            return;
        }

        try
        {
            await ActOnAlertsAsync(JudgeAlerts(device.State, await CoveringRulesAsync(), points, alertEvent), eventDetails);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Alerting must never cost the device its data: what was received is kept and fanned out already.
            LogAlertEvaluationFailed(failure, Key.TenantId, Key.DeviceId);
        }
    }

    /// <summary>The rules' verdict on the facts now (with <paramref name="points"/>, only the rules reading one of their keys); changes nothing but the watches.</summary>
    private AlertVerdict JudgeAlerts(DeviceState state, CompiledAlertRule[] rules, TelemetryPoint[]? points, string? alertEvent)
    {
        var facts = new AlertFacts(state.LatestTelemetry, time.GetUtcNow(), state.Status == DeviceStatus.Offline ? state.LastSeenAt : null, alertEvent);
        (int evaluated, List<(CompiledAlertRule Rule, AlertTransition Transition)>? changes) = _alerting.Evaluate(rules, facts, points, state.ActiveAlerts);
        if (evaluated > 0)
        {
            CarmenDiagnostics.AlertEvaluations.Add(evaluated);
        }

        // A message no rule reads changes no moment the clock waits for.
        return new AlertVerdict(rules, facts, changes, ArmClock: points is null || evaluated > 0);
    }

    /// <summary>Raises and clears what the verdict says, and sets the alert clock for the next moment time alone changes an outcome.</summary>
    private async Task ActOnAlertsAsync(AlertVerdict verdict, Dictionary<string, TimestampedValue>? eventDetails)
    {
        try
        {
            if (verdict.Changes is not null)
            {
                await ApplyAsync(verdict.Changes, verdict.Facts, eventDetails);
            }

            if (verdict.ArmClock)
            {
                DateTimeOffset? next = SetAlertClock(verdict.Rules, verdict.Facts);
                await RecordAlertDueAsync(device.State.Status == DeviceStatus.Offline ? next : null);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogAlertEvaluationFailed(failure, Key.TenantId, Key.DeviceId);
        }
    }

    /// <summary>
    /// Whether setting the alert clock for this verdict would change nothing: its timer already fires no later than
    /// the next moment (or none is ahead), and the index holds no due time to clear. Read between turns by the shard, for
    /// an online device.
    /// </summary>
    private bool AlertClockSettled(AlertVerdict verdict)
    {
        // Offline is not among the cell's terms: a connected device's clock never records a due time.
        bool timerSettled = _alerting.NextMoment(verdict.Rules, verdict.Facts) is not DateTimeOffset next || (_alertClock is not null && _alertClockDue <= next);
        bool dueSettled = !_alertDueKnown || _alertDueRecorded is null;
        return timerSettled && dueSettled;
    }

    /// <summary>Saves which alerts are active before telling the alerts, so a crash in between leaves an id the next change settles, never a lost alert.</summary>
    private async Task ApplyAsync(
        List<(CompiledAlertRule Rule, AlertTransition Transition)> changes, AlertFacts facts, Dictionary<string, TimestampedValue>? eventDetails)
    {
        DeviceState state = device.State;
        List<Task> calls = [];
        List<(CompiledAlertRule Rule, string AlertId)> recurring = [];
        foreach ((CompiledAlertRule rule, AlertTransition transition) in changes)
        {
            if (transition == AlertTransition.Raise)
            {
                string alertId = Guid.CreateVersion7(facts.Now).ToString("N");
                state.ActiveAlerts[rule.Id] = alertId;
                calls.Add(Alert(alertId).RaiseAsync(new AlertRaised(
                    Key.DeviceId, state.ClusterId, rule.Id, rule.Rule.Definition.Name, rule.Rule.Definition.Severity, facts.Now, DeviceAlerting.Details(rule, facts, eventDetails), facts.Event,
                    rule.Rule.Definition.EscalationPathId)));
            }
            else if (transition == AlertTransition.Clear && state.ActiveAlerts.Remove(rule.Id, out string? cleared))
            {
                calls.Add(Alert(cleared).ClearByRuleAsync(facts.Now));
            }
            else if (transition == AlertTransition.Recur && state.ActiveAlerts.TryGetValue(rule.Id, out string? active))
            {
                recurring.Add((rule, active));
            }
        }

        if (changes.Any(change => change.Transition != AlertTransition.Recur))
        {
            await device.WriteStateAsync();
            _unsavedChanges = false;
        }

        await Task.WhenAll(calls);
        foreach ((CompiledAlertRule rule, string alertId) in recurring)
        {
            if (!await Alert(alertId).RecurAsync(facts.Now, DeviceAlerting.Details(rule, facts, eventDetails)))
            {
                // Cleared by an operator, and the one-way word of it has not arrived (or was lost): stop counting it.
                state.ActiveAlerts.Remove(rule.Id);
                _alerting.Forget(rule.Id);
                _unsavedChanges = true;
            }
        }
    }

    /// <summary>The rules covering this device now (the tenant's rules come from the silo's cache).</summary>
    private async ValueTask<CompiledAlertRule[]> CoveringRulesAsync()
    {
        DeviceState state = device.State;
        return _alerting.Covering(await alertRules.GetAsync(Key.TenantId), state.ClusterId, state.Type, state.Labels);
    }

    /// <summary>Forgets the covering rules, after the device's cluster, type or labels changed.</summary>
    private void PlacementChanged() => _alerting.PlacementChanged();

    /// <summary>
    /// Arms a one-shot timer for the earliest moment time alone changes a rule's outcome; none when no such moment is
    /// ahead, so an idle device with nothing pending can be deactivated. The wait is capped by the clock interval, so
    /// a clock that jumps (or a rule that changed) is noticed within it.
    /// </summary>
    private DateTimeOffset? SetAlertClock(CompiledAlertRule[] rules, in AlertFacts facts)
    {
        DateTimeOffset? next = _alerting.NextMoment(rules, facts);
        if (next is not DateTimeOffset at)
        {
            _alertClock?.Dispose();
            _alertClock = null;
            return null;
        }

        if (_alertClock is not null && _alertClockDue <= at)
        {
            return next; // it fires no later than needed; firing early only re-arms it
        }

        TimeSpan wait = at - facts.Now + TimeSpan.FromMilliseconds(50);
        wait = wait > alertOptions.Value.ClockInterval ? alertOptions.Value.ClockInterval : wait;
        _alertClock?.Dispose();
        _alertClockDue = facts.Now + wait;
        _alertClock = this.RegisterGrainTimer(
            static (grain, _) => grain.TurnAsync(grain.AlertClockTickAsync),
            this,
            new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        return next;
    }

    /// <summary>
    /// Keeps the index's alert due time for an offline device, which the cluster's sweep reads to wake a device whose
    /// timer was lost with its silo. Written only when it changes: once when an offline device's moment is set, once
    /// when it is handled. An online device needs none: losing its silo closes its connection, which wakes it.
    /// </summary>
    private async Task RecordAlertDueAsync(DateTimeOffset? due)
    {
        if (_alertDueKnown ? due == _alertDueRecorded : due is null) // after activation, assume none is recorded
        {
            return;
        }

        await index.SetAlertDueAsync(Key, due);
        (_alertDueRecorded, _alertDueKnown) = (due, true);
    }

    private Task AlertClockTickAsync()
    {
        _alertClock?.Dispose();
        _alertClock = null;
        return EvaluateAlertsAsync();
    }

    /// <summary>An update action ended in error: what an otaFailed alert shows about it.</summary>
    private Task ActionFailedAsync(UpdateAction action)
    {
        long at = action.UpdatedAt.ToUnixTimeMilliseconds();
        return EvaluateAlertsAsync(AlertCondition.OtaFailed, new Dictionary<string, TimestampedValue>
        {
            ["actionId"] = new(at, TelemetryValue.FromNumber(action.Id)),
            ["distributionSet"] = new(at, TelemetryValue.FromText($"{action.Deployment.Name} {action.Deployment.Version}")),
        });
    }

    private IAlertGrain Alert(string alertId) => GrainFactory.GetGrain<IAlertGrain>(new AlertKey(Key.TenantId, alertId).ToString());

    [LoggerMessage(Level = LogLevel.Error, Message = "Device {TenantId}/{DeviceId}: alert rules could not be evaluated")]
    private partial void LogAlertEvaluationFailed(Exception exception, string tenantId, string deviceId);
}
