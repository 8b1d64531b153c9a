using Orleans.Concurrency;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>
/// A tenant's teams and escalation paths (keyed by tenant id), and the escalations under way: one schedule per tenant,
/// kept in state and woken by one reminder, however many alerts are escalating. Erased with the tenant.
/// </summary>
[Alias("Carmen.IAlertRoutingGrain")]
public interface IAlertRoutingGrain : ITenantRecordGrain
{
    /// <summary>Saves a new team; its members must be users of the tenant, its territories and channels must exist.</summary>
    [Alias("CreateTeam")]
    Task<Team> CreateTeamAsync(TeamDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a team's definition.</summary>
    [Alias("UpdateTeam")]
    Task<Team> UpdateTeamAsync(long teamId, TeamDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Deletes a team; paths naming it skip it from then on.</summary>
    [Alias("DeleteTeam")]
    Task DeleteTeamAsync(long teamId, CancellationToken cancellationToken = default);

    /// <summary>One team, or a not-found error.</summary>
    [Alias("GetTeam")]
    Task<Team> GetTeamAsync(long teamId, CancellationToken cancellationToken = default);

    /// <summary>All teams, newest first.</summary>
    [Alias("ListTeams")]
    Task<IReadOnlyList<Team>> ListTeamsAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves a new escalation path; its levels' delays never decrease, and the channels and teams it names exist.</summary>
    [Alias("CreatePath")]
    Task<EscalationPath> CreatePathAsync(EscalationPathDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a path; escalations under way follow the new levels from the next one due.</summary>
    [Alias("UpdatePath")]
    Task<EscalationPath> UpdatePathAsync(long pathId, EscalationPathDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Deletes a path; escalations under way on it stop, and rules naming it escalate no more.</summary>
    [Alias("DeletePath")]
    Task DeletePathAsync(long pathId, CancellationToken cancellationToken = default);

    /// <summary>One path, or a not-found error.</summary>
    [Alias("GetPath")]
    Task<EscalationPath> GetPathAsync(long pathId, CancellationToken cancellationToken = default);

    /// <summary>All paths, newest first.</summary>
    [Alias("ListPaths")]
    Task<IReadOnlyList<EscalationPath>> ListPathsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A new alert: returns the teams whose territory holds its device and, when its rule names a path, schedules the
    /// escalation. Notifications go out after this returns, never within the call.
    /// </summary>
    [Alias("Route")]
    Task<IReadOnlyList<long>> RouteAsync(string alertId, AlertRaised raised, CancellationToken cancellationToken = default);

    /// <summary>The alert was acknowledged or cleared: its escalation ends. One-way, since the schedule asks the alert before each notification anyway.</summary>
    [Alias("Stop"), OneWay]
    Task StopAsync(string alertId);
}
