using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Escalation;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Escalation;

/// <summary>What teams and escalation paths must be before they are saved, each fault naming its field.</summary>
public static class AlertRoutingChecks
{
    private const int MaxLevels = 10;
    private const int MaxDelayMinutes = 30 * 24 * 60;
    private const int MaxRenotifyMinutes = 7 * 24 * 60;
    private const int MaxMembers = 200;
    private const int MaxTerritories = 100;

    public static string Name(string name, IEnumerable<string> others, string what)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw CarmenException.Invalid("name", "name is 1 to 100 characters.");
        }

        if (others.Any(other => string.Equals(other, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CarmenException.Conflict($"A {what} named '{name}' exists already.", "name");
        }

        return name;
    }

    public static async Task<TeamDraft> CheckAsync(TeamDraft draft, string tenantId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (draft.Members.Count > MaxMembers || draft.Territories.Count > MaxTerritories)
        {
            throw CarmenException.Invalid(draft.Members.Count > MaxMembers ? "members" : "territories",
                $"A team has at most {MaxMembers} members and {MaxTerritories} territories.");
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        HashSet<string> users = [.. (await tenant.GetUsersAsync(cancellationToken)).Select(user => user.Username)];
        int stranger = IndexOf(draft.Members, member => !users.Contains(member));
        if (stranger >= 0)
        {
            throw CarmenException.Invalid($"members[{stranger}]", $"Tenant '{tenantId}' has no user '{draft.Members[stranger]}'.");
        }

        IReadOnlyList<BusinessUnitInfo> units = await tenant.GetBusinessUnitsAsync(cancellationToken);
        int unknown = IndexOf(draft.Territories, territory => territory.Kind == TerritoryKind.BusinessUnit
            ? units.All(unit => unit.Id != territory.Id)
            : units.All(unit => unit.Clusters.All(cluster => cluster.Id != territory.Id)));
        if (unknown >= 0)
        {
            Territory territory = draft.Territories[unknown];
            string kind = territory.Kind == TerritoryKind.BusinessUnit ? "business unit" : "cluster";
            throw CarmenException.Invalid($"territories[{unknown}].id", $"Tenant '{tenantId}' has no {kind} '{territory.Id}'.");
        }

        await CheckChannelsAsync(draft.ChannelIds, "channelIds", tenantId, grains, cancellationToken);
        return draft with { Members = [.. draft.Members.Distinct()], Territories = [.. draft.Territories.Distinct()], ChannelIds = [.. draft.ChannelIds.Distinct()] };
    }

    public static async Task<EscalationPathDraft> CheckAsync(
        EscalationPathDraft draft, IReadOnlyDictionary<long, Team> teams, string tenantId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (draft.Levels.Count is 0 or > MaxLevels)
        {
            throw CarmenException.Invalid("levels", $"A path has 1 to {MaxLevels} levels.");
        }

        if (draft.RenotifyMinutes is < 1 or > MaxRenotifyMinutes)
        {
            throw CarmenException.Invalid("renotifyMinutes", $"renotifyMinutes is 1 to {MaxRenotifyMinutes}, or left out for no re-notification.");
        }

        for (int i = 0; i < draft.Levels.Count; i++)
        {
            EscalationLevel level = draft.Levels[i];
            if (level.DelayMinutes is < 0 or > MaxDelayMinutes || (i > 0 && level.DelayMinutes < draft.Levels[i - 1].DelayMinutes))
            {
                throw CarmenException.Invalid($"levels[{i}].delayMinutes", $"delayMinutes is 0 to {MaxDelayMinutes} and no less than the level before's.");
            }

            if (level.ChannelIds.Count == 0 && level.TeamIds.Count == 0)
            {
                throw CarmenException.Invalid($"levels[{i}]", "A level names at least one channel or team.");
            }

            int unknownTeam = IndexOf(level.TeamIds, teamId => !teams.ContainsKey(teamId));
            if (unknownTeam >= 0)
            {
                throw CarmenException.Invalid($"levels[{i}].teamIds[{unknownTeam}]", $"Tenant '{tenantId}' has no team {level.TeamIds[unknownTeam]}.");
            }

            await CheckChannelsAsync(level.ChannelIds, $"levels[{i}].channelIds", tenantId, grains, cancellationToken);
        }

        return draft;
    }

    private static async Task CheckChannelsAsync(IReadOnlyList<long> channelIds, string field, string tenantId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (channelIds.Count == 0)
        {
            return;
        }

        IReadOnlyList<long> unknown = await grains.GetGrain<INotificationChannelsGrain>(tenantId).UnknownAsync(channelIds, cancellationToken);
        if (unknown.Count > 0)
        {
            int index = IndexOf(channelIds, id => id == unknown[0]);
            throw CarmenException.Invalid($"{field}[{index}]", $"Tenant '{tenantId}' has no notification channel {unknown[0]}.");
        }
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
