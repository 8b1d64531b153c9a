using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Support;

/// <summary>The platform's business calendars and SLA policies, validated on save so that every clock measured on them is well defined.</summary>
[GrainType("support-settings")]
public sealed class SupportSettingsGrain(
    [PersistentState("support-settings", StorageNames.Platform)] IPersistentState<SupportSettingsState> settings) : Grain, ISupportSettingsGrain
{
    /// <summary>Longest SLA target: a year of business time.</summary>
    private static readonly TimeSpan s_longestTarget = TimeSpan.FromDays(365);

    public async Task<BusinessCalendar> SaveCalendarAsync(BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        Identifiers.RequireSlug(calendar.Id, "id");
        RequireName(calendar.Name);
        BusinessClock.Zone(calendar.TimeZone, "timeZone");
        if (calendar.WorkingHours.Count == 0)
        {
            throw CarmenException.Invalid("workingHours", "A calendar has at least one working stretch.");
        }

        for (int i = 0; i < calendar.WorkingHours.Count; i++)
        {
            WorkingHours stretch = calendar.WorkingHours[i];
            if (stretch.To != TimeOnly.MinValue && stretch.To <= stretch.From)
            {
                throw CarmenException.Invalid($"workingHours[{i}].to", "A stretch ends after it starts (00:00 as its end means midnight).");
            }

            if (calendar.WorkingHours.Take(i).Any(other => other.Day == stretch.Day && Overlap(other, stretch)))
            {
                throw CarmenException.Invalid($"workingHours[{i}]", $"This stretch overlaps another of {stretch.Day}.");
            }
        }

        settings.State.Calendars[calendar.Id] = calendar with { Holidays = [.. calendar.Holidays.Distinct().Order()] };
        await settings.WriteStateAsync(cancellationToken);
        return settings.State.Calendars[calendar.Id];
    }

    public async Task DeleteCalendarAsync(string calendarId, CancellationToken cancellationToken)
    {
        if (!settings.State.Calendars.ContainsKey(calendarId))
        {
            throw CarmenException.NotFound($"There is no calendar '{calendarId}'.");
        }

        if (settings.State.Policies.Values.FirstOrDefault(policy => policy.CalendarId == calendarId) is SlaPolicy user)
        {
            throw CarmenException.Conflict($"SLA policy '{user.Id}' measures on calendar '{calendarId}'; change or delete it first.");
        }

        settings.State.Calendars.Remove(calendarId);
        await settings.WriteStateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<BusinessCalendar>> ListCalendarsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BusinessCalendar>>([.. settings.State.Calendars.Values.OrderBy(calendar => calendar.Id, StringComparer.Ordinal)]);

    public async Task<SlaPolicy> SavePolicyAsync(SlaPolicy policy, CancellationToken cancellationToken)
    {
        Identifiers.RequireSlug(policy.Id, "id");
        RequireName(policy.Name);
        if (!settings.State.Calendars.ContainsKey(policy.CalendarId))
        {
            throw CarmenException.Invalid("calendarId", $"There is no calendar '{policy.CalendarId}'.");
        }

        if (policy.Targets.Count == 0)
        {
            throw CarmenException.Invalid("targets", "Set targets for at least one priority.");
        }

        foreach ((TicketPriority priority, SlaTargets targets) in policy.Targets)
        {
            RequireTarget(targets.FirstResponse, priority, "firstResponseMinutes");
            RequireTarget(targets.NextResponse, priority, "nextResponseMinutes");
            RequireTarget(targets.Resolution, priority, "resolutionMinutes");
        }

        IReadOnlyList<string> named = policy.TenantIds ?? [];
        for (int i = 0; i < named.Count; i++)
        {
            Identifiers.RequireSlug(named[i], $"tenantIds[{i}]");
        }

        IEnumerable<SlaPolicy> others = settings.State.Policies.Values.Where(other => other.Id != policy.Id);
        if (policy.TenantIds is null && others.FirstOrDefault(other => other.TenantIds is null) is SlaPolicy defaultPolicy)
        {
            throw CarmenException.Conflict($"SLA policy '{defaultPolicy.Id}' is the default already; name tenants for this one.", "tenantIds");
        }

        if (policy.TenantIds?.FirstOrDefault(tenant => others.Any(other => other.TenantIds?.Contains(tenant) == true)) is string claimed)
        {
            throw CarmenException.Conflict($"Tenant '{claimed}' is covered by another SLA policy already.", "tenantIds");
        }

        settings.State.Policies[policy.Id] = policy;
        await settings.WriteStateAsync(cancellationToken);
        return policy;
    }

    public async Task DeletePolicyAsync(string policyId, CancellationToken cancellationToken)
    {
        if (!settings.State.Policies.Remove(policyId))
        {
            throw CarmenException.NotFound($"There is no SLA policy '{policyId}'.");
        }

        await settings.WriteStateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<SlaPolicy>> ListPoliciesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SlaPolicy>>([.. settings.State.Policies.Values.OrderBy(policy => policy.Id, StringComparer.Ordinal)]);

    public Task<TenantSla?> PolicyForAsync(string tenantId, CancellationToken cancellationToken)
    {
        SlaPolicy? policy = settings.State.Policies.Values.FirstOrDefault(candidate => candidate.TenantIds?.Contains(tenantId) == true)
            ?? settings.State.Policies.Values.FirstOrDefault(candidate => candidate.TenantIds is null);
        return Task.FromResult(policy is not null && settings.State.Calendars.TryGetValue(policy.CalendarId, out BusinessCalendar? calendar)
            ? new TenantSla(policy, calendar)
            : null);
    }

    private static bool Overlap(WorkingHours a, WorkingHours b) => a.From.ToTimeSpan() < End(b) && b.From.ToTimeSpan() < End(a);

    private static TimeSpan End(WorkingHours stretch) => stretch.To == TimeOnly.MinValue ? TimeSpan.FromDays(1) : stretch.To.ToTimeSpan();

    private static void RequireTarget(TimeSpan? target, TicketPriority priority, string field)
    {
        if (target is TimeSpan set && (set <= TimeSpan.Zero || set > s_longestTarget))
        {
            throw CarmenException.Invalid($"targets.{priority.ToString().ToLowerInvariant()}.{field}", "A target is 1 minute to 365 days of business time.");
        }
    }

    private static void RequireName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw CarmenException.Invalid("name", "The name is 1 to 200 characters.");
        }
    }
}
