namespace Carmen.Grains.Interfaces.Support;

/// <summary>The platform's business calendars and SLA policies (one grain, key <see cref="Key"/>).</summary>
[Alias("Carmen.ISupportSettingsGrain")]
public interface ISupportSettingsGrain : IGrainWithStringKey
{
    /// <summary>The one key.</summary>
    const string Key = "platform";

    /// <summary>Creates or replaces a calendar; validated (a known time zone, at least one working stretch, none empty).</summary>
    [Alias("SaveCalendar")]
    Task<BusinessCalendar> SaveCalendarAsync(BusinessCalendar calendar, CancellationToken cancellationToken = default);

    /// <summary>Deletes a calendar; a conflict while a policy uses it.</summary>
    [Alias("DeleteCalendar")]
    Task DeleteCalendarAsync(string calendarId, CancellationToken cancellationToken = default);

    /// <summary>Every calendar, by id.</summary>
    [Alias("ListCalendars")]
    Task<IReadOnlyList<BusinessCalendar>> ListCalendarsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a policy; its calendar must exist, and only one policy may be the default or name a tenant.</summary>
    [Alias("SavePolicy")]
    Task<SlaPolicy> SavePolicyAsync(SlaPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>Deletes a policy; tickets it covered are measured by the next one in force, if any.</summary>
    [Alias("DeletePolicy")]
    Task DeletePolicyAsync(string policyId, CancellationToken cancellationToken = default);

    /// <summary>Every policy, by id.</summary>
    [Alias("ListPolicies")]
    Task<IReadOnlyList<SlaPolicy>> ListPoliciesAsync(CancellationToken cancellationToken = default);

    /// <summary>The policy naming the tenant, else the default; null when neither exists.</summary>
    [Alias("PolicyFor")]
    Task<TenantSla?> PolicyForAsync(string tenantId, CancellationToken cancellationToken = default);
}
