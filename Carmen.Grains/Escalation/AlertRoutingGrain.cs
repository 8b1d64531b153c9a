using Carmen.Grains.Alerts;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Escalation;

/// <summary>
/// A tenant's teams, escalation paths and the escalations under way. The schedule is state, woken by a timer while the
/// grain is active and by one reminder per tenant after a restart: never a reminder per alert.
/// </summary>
[GrainType("alert-routing")]
public sealed partial class AlertRoutingGrain(
    [PersistentState("alert-routing", StorageNames.Alerts)] IPersistentState<AlertRoutingState> routing,
    IOptions<AlertOptions> alertOptions,
    TimeProvider time,
    ILogger<AlertRoutingGrain> logger) : Grain, IAlertRoutingGrain, IRemindable
{
    private const string EscalationReminder = "escalations";
    private const int MaxTeams = 200;
    private const int MaxPaths = 100;
    private const int MaxDueAtOnce = 200;

    private IGrainTimer? _timer;
    private bool _reminderSet;

    private string TenantId => this.GetPrimaryKeyString();

    private AlertRoutingState State => routing.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleNext();
        return Task.CompletedTask;
    }

    public async Task<Team> CreateTeamAsync(TeamDraft draft, CancellationToken cancellationToken)
    {
        draft = await CheckAsync(draft, null, cancellationToken);
        if (State.Teams.Count >= MaxTeams)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxTeams} teams.");
        }

        DateTimeOffset now = time.GetUtcNow();
        var team = new Team(++State.LastTeamId, draft, now, now);
        State.Teams[team.Id] = team;
        await routing.WriteStateAsync(cancellationToken);
        LogSaved(TenantId, "team", team.Id, draft.Name);
        return team;
    }

    public async Task<Team> UpdateTeamAsync(long teamId, TeamDraft draft, CancellationToken cancellationToken)
    {
        Team current = TeamOf(teamId);
        draft = await CheckAsync(draft, teamId, cancellationToken);
        Team team = current with { Definition = draft, UpdatedAt = time.GetUtcNow() };
        State.Teams[teamId] = team;
        await routing.WriteStateAsync(cancellationToken);
        LogSaved(TenantId, "team", teamId, draft.Name);
        return team;
    }

    public async Task DeleteTeamAsync(long teamId, CancellationToken cancellationToken)
    {
        TeamOf(teamId);
        State.Teams.Remove(teamId);
        await routing.WriteStateAsync(cancellationToken);
        LogDeleted(TenantId, "team", teamId);
    }

    public Task<Team> GetTeamAsync(long teamId, CancellationToken cancellationToken) => Task.FromResult(TeamOf(teamId));

    public Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Team>>([.. State.Teams.Values.OrderByDescending(team => team.Id)]);

    public async Task<EscalationPath> CreatePathAsync(EscalationPathDraft draft, CancellationToken cancellationToken)
    {
        draft = await CheckAsync(draft, null, cancellationToken);
        if (State.Paths.Count >= MaxPaths)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxPaths} escalation paths.");
        }

        DateTimeOffset now = time.GetUtcNow();
        var path = new EscalationPath(++State.LastPathId, draft, now, now);
        State.Paths[path.Id] = path;
        await routing.WriteStateAsync(cancellationToken);
        LogSaved(TenantId, "escalation path", path.Id, draft.Name);
        return path;
    }

    public async Task<EscalationPath> UpdatePathAsync(long pathId, EscalationPathDraft draft, CancellationToken cancellationToken)
    {
        EscalationPath current = PathOf(pathId);
        draft = await CheckAsync(draft, pathId, cancellationToken);
        EscalationPath path = current with { Definition = draft, UpdatedAt = time.GetUtcNow() };
        State.Paths[pathId] = path;
        await routing.WriteStateAsync(cancellationToken);
        LogSaved(TenantId, "escalation path", pathId, draft.Name);
        ScheduleNext();
        return path;
    }

    public async Task DeletePathAsync(long pathId, CancellationToken cancellationToken)
    {
        PathOf(pathId);
        State.Paths.Remove(pathId);
        foreach (EscalationEntry entry in State.Escalations.Values.Where(entry => entry.PathId == pathId).ToList())
        {
            State.Escalations.Remove(entry.AlertId);
        }

        await SaveScheduleAsync(cancellationToken);
        LogDeleted(TenantId, "escalation path", pathId);
    }

    public Task<EscalationPath> GetPathAsync(long pathId, CancellationToken cancellationToken) => Task.FromResult(PathOf(pathId));

    public Task<IReadOnlyList<EscalationPath>> ListPathsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EscalationPath>>([.. State.Paths.Values.OrderByDescending(path => path.Id)]);

    public async Task<IReadOnlyList<long>> RouteAsync(string alertId, AlertRaised raised, CancellationToken cancellationToken)
    {
        IReadOnlyList<long> teamIds = await CoveringTeamsAsync(raised.ClusterId, cancellationToken);
        if (raised.EscalationPathId is long pathId && State.Paths.TryGetValue(pathId, out EscalationPath? path) && !State.Escalations.ContainsKey(alertId))
        {
            State.Escalations[alertId] = EscalationSchedule.Start(alertId, path, raised, teamIds);
            await SaveScheduleAsync(cancellationToken); // arms the timer: never within this call, as the first notification asks the alert, which waits on it
        }

        return teamIds;
    }

    public async Task StopAsync(string alertId)
    {
        if (State.Escalations.Remove(alertId))
        {
            await SaveScheduleAsync(CancellationToken.None);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderSet = true;
        await EscalateDueAsync();
        await KeepReminderAsync(CancellationToken.None); // a reminder outliving its escalations goes
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        State.Escalations.Clear();
        await KeepReminderAsync(cancellationToken);
        await routing.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    private async Task EscalateDueAsync()
    {
        try
        {
            DateTimeOffset now = time.GetUtcNow();
            List<EscalationEntry> due = [.. State.Escalations.Values.Where(entry => entry.NextDueAt <= now).OrderBy(entry => entry.NextDueAt).Take(MaxDueAtOnce)];
            if (due.Count == 0)
            {
                return;
            }

            // Acknowledging or clearing ends an escalation even when its stop call was lost: the alert itself is asked.
            bool[] open = await Task.WhenAll(due.Select(entry => StillUnacknowledgedAsync(entry.AlertId)));
            var sends = new List<Task>();
            EscalationEntry?[] next = new EscalationEntry?[due.Count];
            for (int i = 0; i < due.Count; i++)
            {
                next[i] = open[i] && State.Paths.TryGetValue(due[i].PathId, out EscalationPath? path) ? Advance(due[i], path, now, sends) : null;
            }

            // The schedule moves on only once the notifications are queued: a failure or crash between notifies twice, never not at all.
            await Task.WhenAll(sends);
            for (int i = 0; i < due.Count; i++)
            {
                if (next[i] is EscalationEntry moved)
                {
                    State.Escalations[moved.AlertId] = moved;
                }
                else
                {
                    State.Escalations.Remove(due[i].AlertId);
                }
            }

            await routing.WriteStateAsync();
            await KeepReminderAsync(CancellationToken.None);
        }
        finally
        {
            ScheduleNext();
        }
    }

    private EscalationEntry? Advance(EscalationEntry entry, EscalationPath path, DateTimeOffset now, List<Task> sends)
    {
        (IReadOnlyList<(int Level, int Repeat)> notify, EscalationEntry? next) = EscalationSchedule.Advance(entry, path.Definition, now);
        foreach ((int level, int repeat) in notify)
        {
            EscalationLevel definition = path.Definition.Levels[level];
            List<Team> teams = [.. definition.TeamIds.Where(entry.TeamIds.Contains).Select(State.Teams.GetValueOrDefault).OfType<Team>()];
            HashSet<long> channelIds = [.. definition.ChannelIds, .. teams.SelectMany(team => team.Definition.ChannelIds)];
            var notification = new AlertNotification(entry.AlertId, entry.Alert, path.Definition.Name, level, repeat, [.. teams.Select(team => team.Definition.Name)]);
            if (channelIds.Count > 0) // a level of teams none of which covers the device reaches no one
            {
                sends.Add(GrainFactory.GetGrain<INotificationChannelsGrain>(TenantId).SendAsync(notification, channelIds));
            }

            CarmenDiagnostics.Escalations.Add(1, new KeyValuePair<string, object?>("kind", repeat == 0 ? "level" : "renotify"));
            LogEscalated(TenantId, entry.AlertId, path.Definition.Name, level, repeat, channelIds.Count);
        }

        return next;
    }

    private async Task<bool> StillUnacknowledgedAsync(string alertId)
    {
        try
        {
            AlertInfo alert = await GrainFactory.GetGrain<IAlertGrain>(new AlertKey(TenantId, alertId).ToString()).GetAsync();
            return alert.State == AlertState.ActiveUnacknowledged;
        }
        catch (CarmenException gone) when (gone.Kind == ErrorKind.NotFound)
        {
            return false; // erased, or never saved after its routing
        }
    }

    private async Task<IReadOnlyList<long>> CoveringTeamsAsync(string clusterId, CancellationToken cancellationToken)
    {
        if (State.Teams.Count == 0)
        {
            return [];
        }

        IReadOnlyList<BusinessUnitInfo> units = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetBusinessUnitsAsync(cancellationToken);
        string? businessUnitId = units.FirstOrDefault(unit => unit.Clusters.Any(cluster => cluster.Id == clusterId))?.Id;
        return [.. State.Teams.Values.Where(team => Covers(team.Definition, clusterId, businessUnitId)).Select(team => team.Id).Order()];
    }

    private static bool Covers(TeamDraft team, string clusterId, string? businessUnitId) =>
        team.Territories.Count == 0 || team.Territories.Any(territory => territory.Kind == TerritoryKind.Cluster
            ? territory.Id == clusterId
            : territory.Id == businessUnitId);

    private async Task<TeamDraft> CheckAsync(TeamDraft draft, long? teamId, CancellationToken cancellationToken)
    {
        string name = AlertRoutingChecks.Name(draft.Name, State.Teams.Values.Where(team => team.Id != teamId).Select(team => team.Definition.Name), "team");
        return await AlertRoutingChecks.CheckAsync(draft with { Name = name }, TenantId, GrainFactory, cancellationToken);
    }

    private async Task<EscalationPathDraft> CheckAsync(EscalationPathDraft draft, long? pathId, CancellationToken cancellationToken)
    {
        string name = AlertRoutingChecks.Name(draft.Name, State.Paths.Values.Where(path => path.Id != pathId).Select(path => path.Definition.Name), "escalation path");
        return await AlertRoutingChecks.CheckAsync(draft with { Name = name }, State.Teams, TenantId, GrainFactory, cancellationToken);
    }

    /// <summary>Saves the schedule, keeps the reminder that matches it, and arms the timer for its next due escalation.</summary>
    private async Task SaveScheduleAsync(CancellationToken cancellationToken)
    {
        await routing.WriteStateAsync(cancellationToken);
        await KeepReminderAsync(cancellationToken);
        ScheduleNext();
    }

    private void ScheduleNext()
    {
        _timer?.Dispose();
        _timer = null;
        if (State.Escalations.Count == 0)
        {
            return;
        }

        // Capped, so a schedule that a changed path or clock moved is looked at again soon.
        TimeSpan wait = State.Escalations.Values.Min(entry => entry.NextDueAt) - time.GetUtcNow();
        TimeSpan cap = alertOptions.Value.ClockInterval;
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
        _timer = this.RegisterGrainTimer(static (grain, _) => grain.EscalateDueAsync(), this, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>One reminder while any escalation is under way, none otherwise.</summary>
    private async Task KeepReminderAsync(CancellationToken cancellationToken) =>
        _reminderSet = await this.KeepAsync(EscalationReminder, State.Escalations.Count > 0, _reminderSet, cancellationToken);

    private Team TeamOf(long teamId) =>
        State.Teams.TryGetValue(teamId, out Team? team) ? team : throw CarmenException.NotFound($"Tenant '{TenantId}' has no team {teamId}.");

    private EscalationPath PathOf(long pathId) =>
        State.Paths.TryGetValue(pathId, out EscalationPath? path) ? path : throw CarmenException.NotFound($"Tenant '{TenantId}' has no escalation path {pathId}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} saved {What} {Id} ({Name})")]
    private partial void LogSaved(string tenantId, string what, long id, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} deleted {What} {Id}")]
    private partial void LogDeleted(string tenantId, string what, long id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TenantId}/{AlertId} escalated on {Path}: level {Level}, repeat {Repeat}, {Channels} channels")]
    private partial void LogEscalated(string tenantId, string alertId, string path, int level, int repeat, int channels);
}
