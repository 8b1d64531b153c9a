using Carmen.Grains.Alerts;
using Carmen.Grains.Ingest;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

/// <summary>
/// The device's side of its silo's ingest shard (<see cref="IngestShard"/>). While the device is connected to the silo
/// its grain is on, and the grain is between turns, the shard takes its plain telemetry without a call; every turn
/// (a call, or a timer) first closes the cell and takes in what the shard took, and afterwards opens it again on terms
/// worked out from the state the turn left. So whatever closes a connection, quarantines the device or changes which
/// keys its alert rules read takes effect for the shard from the turn that did it.
/// </summary>
public sealed partial class DeviceGrain : IIncomingGrainCallFilter
{
    /// <summary>Firmware state reports move update actions: the grain takes them itself.</summary>
    private static readonly string[] s_keysForTheGrain = [FirmwareStateKey];

    private IngestCell? _ingestCell;
    private IngestTerms? _ingestTerms;
    private CompiledAlertRule[]? _ingestCovering;
    private int _turnsInProgress;

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        BeginTurn();
        try
        {
            await context.Invoke();
        }
        finally
        {
            await EndTurnAsync();
        }
    }

    /// <summary>A timer's work, as a turn of the grain: the shard waits while it runs.</summary>
    private async Task TimerTurnAsync(Func<Task> work)
    {
        BeginTurn();
        try
        {
            await work();
        }
        finally
        {
            await EndTurnAsync();
        }
    }

    private void BeginTurn()
    {
        _turnsInProgress++;
        TakeIngested();
    }

    private async Task EndTurnAsync()
    {
        if (--_turnsInProgress == 0)
        {
            await OpenIngestAsync();
        }
    }

    /// <summary>Closes the cell and takes in what the shard took since the last turn, as if each message had been a call.</summary>
    private void TakeIngested()
    {
        if (_ingestCell?.Close() is not IngestTaken taken)
        {
            return;
        }

        Dictionary<string, TimestampedValue> latest = device.State.LatestTelemetry;
        foreach ((string key, TimestampedValue value) in taken.Latest)
        {
            if (!latest.TryGetValue(key, out TimestampedValue current) || current.Timestamp <= value.Timestamp)
            {
                latest[key] = value;
            }
        }

        _unsavedChanges = true;
        _messagesReceived += taken.Messages;
        _pointsReceived += taken.Points;
        _lastSeenAt = taken.LastSeenAt > _lastSeenAt ? taken.LastSeenAt : _lastSeenAt;
    }

    /// <summary>
    /// Opens the cell when the shard may take the device's telemetry: registered, online (or isolated, whose telemetry
    /// is still taken) through a connection this silo holds, and no rollout health watch waiting for its values.
    /// </summary>
    private async Task OpenIngestAsync()
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

        try
        {
            TenantAlertRules rules = await alertRules.GetAsync(Key.TenantId);
            CompiledAlertRule[] covering = _alerting.Covering(rules, state.ClusterId, state.Type, state.Labels);
            if (_turnsInProgress > 0)
            {
                return; // a turn began while the rules loaded: it opens the cell when it ends
            }

            _ingestTerms = IngestTermsFor(connection, state.ClusterId, rules, covering);
            (_ingestCell ??= ingest.CellOf(Key)).Open(_ingestTerms);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogAlertEvaluationFailed(failure, Key.TenantId, Key.DeviceId); // the cell stays closed: the grain takes every message
        }
    }

    /// <summary>The terms as they were when nothing they depend on changed, so a turn costs no allocation.</summary>
    private IngestTerms IngestTermsFor(DeviceConnection connection, string clusterId, TenantAlertRules rules, CompiledAlertRule[] covering)
    {
        if (_ingestTerms is { } known && known.ConnectionId == connection.ConnectionId && known.ClusterId == clusterId
            && ReferenceEquals(known.Rules, rules) && ReferenceEquals(_ingestCovering, covering))
        {
            return known;
        }

        _ingestCovering = covering;
        HashSet<string> watched = new(s_keysForTheGrain, StringComparer.Ordinal);
        foreach (CompiledAlertRule rule in covering)
        {
            watched.UnionWith(rule.Keys);
        }

        return new IngestTerms(connection.ConnectionId, clusterId, rules, watched);
    }

    /// <summary>The grain leaves the silo: the shard stops taking, and what it took is the grain's to save.</summary>
    private void LeaveIngest()
    {
        TakeIngested();
        if (_ingestCell is not null)
        {
            ingest.Remove(Key, _ingestCell);
            _ingestCell = null;
        }
    }
}
