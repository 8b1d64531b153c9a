using Carmen.Grains.Alerts;
using Carmen.Grains.Ingest;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

/// <summary>
/// The device's side of its silo's ingest shard (<see cref="IngestShard"/>). While the device is connected to the silo
/// its grain is on, the shard hands its telemetry to the grain between the grain's turns, through the device's
/// <see cref="IngestCell"/>: every turn (a call, or a timer) closes the cell first and opens it again at its end, on
/// terms worked out from the state the turn left. So a turn never runs beside the shard, and whatever closes a
/// connection, quarantines the device or changes its alert rules takes effect for the shard from the turn that did it.
/// </summary>
public sealed partial class DeviceGrain : IIncomingGrainCallFilter, IIngestTarget
{
    /// <summary>Firmware state reports move update actions: the grain takes them in a turn of its own.</summary>
    private static readonly HashSet<string> s_keysForTheGrain = new([FirmwareStateKey], StringComparer.Ordinal);

    private IngestCell? _ingestCell;
    private IngestTerms? _ingestTerms;
    private int _turnsInProgress;
    private DeviceState? _stateBetweenTurns;

    /// <summary>What the shard took that the grain must act on (an alert transition, the alert clock), at its next turn.</summary>
    private AlertVerdict? _alertsToSettle;

    public Task Invoke(IIncomingGrainCallContext context) => TurnAsync(context.Invoke);

    public Task SettleIngestedAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the call's turn settles

    /// <summary>As <see cref="PublishAsync"/> does in a turn, up to what needs one: the latest values, the counters, the alert rules' verdict.</summary>
    public IngestOutcome TakeBetweenTurns(TelemetryPoint[] points, DateTimeOffset now, IngestTerms terms)
    {
        // The state object the last turn left (Orleans refuses device.State off the grain's thread); no turn replaces it meanwhile.
        DeviceState state = _stateBetweenTurns!;
        TakeLatest(state, points);
        CountMessage(points, now);
        if (terms.Covering.Length == 0)
        {
            return IngestOutcome.Taken;
        }

        try
        {
            AlertVerdict verdict = JudgeAlerts(state, terms.Covering, points, alertEvent: null);
            if (verdict.Changes is null && (!verdict.ArmClock || AlertClockSettled(verdict)))
            {
                return IngestOutcome.Taken;
            }

            _alertsToSettle = verdict;
            return IngestOutcome.TakenForTheGrain;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogAlertEvaluationFailed(failure, Key.TenantId, Key.DeviceId); // as in a turn: the data is kept whatever alerting does
            return IngestOutcome.Taken;
        }
    }

    /// <summary>A call's or a timer's work, as a turn of the grain: the cell closed while it runs, what the shard left acted on first.</summary>
    private async Task TurnAsync(Func<Task> work)
    {
        _ingestCell?.Close();
        _turnsInProgress++;
        try
        {
            await SettleIngestedAlertsAsync();
            await work();
        }
        finally
        {
            EndTurn();
        }
    }

    private async Task SettleIngestedAlertsAsync()
    {
        if (_alertsToSettle is AlertVerdict verdict)
        {
            _alertsToSettle = null;
            await ActOnAlertsAsync(verdict, eventDetails: null);
        }
    }

    private void EndTurn()
    {
        if (--_turnsInProgress == 0)
        {
            OpenIngest();
        }
    }

    /// <summary>
    /// Opens the cell when the shard may take the device's telemetry: registered, online (or isolated, whose telemetry
    /// is still taken) through a connection this silo holds, and no rollout health watch waiting for its values.
    /// </summary>
    private void OpenIngest()
    {
        DeviceState state = device.State;
        if (!IsRegistered
            || state.Status is not (DeviceStatus.Online or DeviceStatus.Isolated)
            || state.HealthWatch is { Breach: null, Verdict: null }
            || state.Connection is not DeviceConnection connection
            || connection.ConnectionId == DeviceConnection.Brokered
            || connection.Gateway != GrainContext.Address.SiloAddress?.ToString()
            || _closedConnections.Contains(connection.ConnectionId))
        {
            return;
        }

        // Never a call at the end of a turn (one could wait on a grain that waits on this one): rules not loaded yet
        // on this silo keep the cell closed until a later turn, by when the grain's own evaluation has loaded them.
        ValueTask<TenantAlertRules> loading = alertRules.GetAsync(Key.TenantId);
        if (!loading.IsCompletedSuccessfully)
        {
            loading.AsTask().Ignore();
            return;
        }

        TenantAlertRules rules = loading.Result;
        CompiledAlertRule[] covering;
        try
        {
            covering = _alerting.Covering(rules, state.ClusterId, state.Type, state.Labels);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogAlertEvaluationFailed(failure, Key.TenantId, Key.DeviceId); // the cell stays closed: the grain takes every message
            return;
        }

        if (_ingestTerms is not { } terms || terms.ConnectionId != connection.ConnectionId || terms.ClusterId != state.ClusterId
            || !ReferenceEquals(terms.Rules, rules) || !ReferenceEquals(terms.Covering, covering))
        {
            _ingestTerms = terms = new IngestTerms(this, connection.ConnectionId, state.ClusterId, rules, covering, s_keysForTheGrain);
        }

        _stateBetweenTurns = state;
        (_ingestCell ??= ingest.CellOf(Key)).Open(terms);
    }

    /// <summary>The grain leaves the silo: the shard stops handing it messages, and what it took is acted on before the state is saved.</summary>
    private async Task LeaveIngestAsync()
    {
        if (_ingestCell is not null)
        {
            _ingestCell.Close();
            ingest.Remove(Key, _ingestCell);
            _ingestCell = null;
        }

        await SettleIngestedAlertsAsync();
    }
}
