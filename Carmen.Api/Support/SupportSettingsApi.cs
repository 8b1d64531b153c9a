using System.Globalization;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Support;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Support;

/// <summary>The platform's business calendars and SLA policies (platform administrators): what tickets' targets are measured by.</summary>
public static class SupportSettingsApi
{
    public static IEndpointRouteBuilder MapSupportSettingsApi(this IEndpointRouteBuilder api)
    {
        RouteGroupBuilder platform = api.MapGroup("/platform").WithTags("Support").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        platform.MapGet("/calendars", ListCalendarsAsync);
        platform.MapPost("/calendars", CreateCalendarAsync).WithSummary("A business calendar: time zone, working stretches per weekday, holidays.");
        platform.MapPut("/calendars/{calendarId}", ReplaceCalendarAsync);
        platform.MapDelete("/calendars/{calendarId}", DeleteCalendarAsync).WithSummary("Deletes a calendar (409 while an SLA policy uses it).");
        platform.MapGet("/sla-policies", ListPoliciesAsync);
        platform.MapPost("/sla-policies", CreatePolicyAsync)
            .WithSummary("An SLA policy: first response, next response and resolution targets per priority on a calendar; for named tenants or the default.");
        platform.MapPut("/sla-policies/{policyId}", ReplacePolicyAsync);
        platform.MapDelete("/sla-policies/{policyId}", DeletePolicyAsync);
        return api;
    }

    public static async Task<Ok<List<BusinessCalendarContract>>> ListCalendarsAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok((await Settings(grains).ListCalendarsAsync(cancellationToken)).Select(BusinessCalendarContract.From).ToList());

    public static async Task<Created<BusinessCalendarContract>> CreateCalendarAsync(IGrainFactory grains, BusinessCalendarContract request, CancellationToken cancellationToken)
    {
        BusinessCalendar calendar = Calendar(request.Id, request);
        if ((await Settings(grains).ListCalendarsAsync(cancellationToken)).Any(known => known.Id == calendar.Id))
        {
            throw CarmenException.Conflict($"Calendar '{calendar.Id}' exists; PUT /platform/calendars/{calendar.Id} replaces it.", "id");
        }

        BusinessCalendar saved = await Settings(grains).SaveCalendarAsync(calendar, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/calendars/{saved.Id}", BusinessCalendarContract.From(saved));
    }

    public static async Task<Ok<BusinessCalendarContract>> ReplaceCalendarAsync(IGrainFactory grains, string calendarId, BusinessCalendarContract request, CancellationToken cancellationToken)
    {
        if (!(await Settings(grains).ListCalendarsAsync(cancellationToken)).Any(known => known.Id == calendarId))
        {
            throw CarmenException.NotFound($"There is no calendar '{calendarId}'.");
        }

        return TypedResults.Ok(BusinessCalendarContract.From(await Settings(grains).SaveCalendarAsync(Calendar(calendarId, request), cancellationToken)));
    }

    public static async Task<NoContent> DeleteCalendarAsync(IGrainFactory grains, string calendarId, CancellationToken cancellationToken)
    {
        await Settings(grains).DeleteCalendarAsync(calendarId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<List<SlaPolicyContract>>> ListPoliciesAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok((await Settings(grains).ListPoliciesAsync(cancellationToken)).Select(SlaPolicyContract.From).ToList());

    public static async Task<Created<SlaPolicyContract>> CreatePolicyAsync(IGrainFactory grains, SlaPolicyContract request, CancellationToken cancellationToken)
    {
        SlaPolicy policy = Policy(request.Id, request);
        if ((await Settings(grains).ListPoliciesAsync(cancellationToken)).Any(known => known.Id == policy.Id))
        {
            throw CarmenException.Conflict($"SLA policy '{policy.Id}' exists; PUT /platform/sla-policies/{policy.Id} replaces it.", "id");
        }

        SlaPolicy saved = await Settings(grains).SavePolicyAsync(policy, cancellationToken);
        return TypedResults.Created($"/api/v1/platform/sla-policies/{saved.Id}", SlaPolicyContract.From(saved));
    }

    public static async Task<Ok<SlaPolicyContract>> ReplacePolicyAsync(IGrainFactory grains, string policyId, SlaPolicyContract request, CancellationToken cancellationToken)
    {
        if (!(await Settings(grains).ListPoliciesAsync(cancellationToken)).Any(known => known.Id == policyId))
        {
            throw CarmenException.NotFound($"There is no SLA policy '{policyId}'.");
        }

        return TypedResults.Ok(SlaPolicyContract.From(await Settings(grains).SavePolicyAsync(Policy(policyId, request), cancellationToken)));
    }

    public static async Task<NoContent> DeletePolicyAsync(IGrainFactory grains, string policyId, CancellationToken cancellationToken)
    {
        await Settings(grains).DeletePolicyAsync(policyId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static BusinessCalendar Calendar(string? id, BusinessCalendarContract request)
    {
        IReadOnlyList<WorkingHoursContract> stretches = request.WorkingHours ?? throw CarmenException.Invalid("workingHours", "Give the working stretches, e.g. {\"day\":\"monday\",\"from\":\"09:00\",\"to\":\"17:00\"}.");
        return new BusinessCalendar(
            id ?? throw CarmenException.Invalid("id", "The id is required."),
            request.Name ?? throw CarmenException.Invalid("name", "The name is required."),
            request.TimeZone ?? throw CarmenException.Invalid("timeZone", "The time zone is required (an IANA name such as Europe/Berlin)."),
            [.. stretches.Select((stretch, i) => new WorkingHours(Day(stretch?.Day, $"workingHours[{i}].day"), Time(stretch?.From, $"workingHours[{i}].from"), Time(stretch?.To, $"workingHours[{i}].to")))],
            request.Holidays ?? []);
    }

    private static SlaPolicy Policy(string? id, SlaPolicyContract request)
    {
        Dictionary<string, SlaTargetsContract> targets = request.Targets ?? throw CarmenException.Invalid("targets", "Give targets per priority (low, normal, high, urgent).");
        var parsed = new Dictionary<TicketPriority, SlaTargets>();
        foreach ((string name, SlaTargetsContract? target) in targets)
        {
            if (target is null)
            {
                throw CarmenException.Invalid($"targets.{name}", "Give the priority's targets, or leave the priority out.");
            }

            TicketPriority priority = Enum.TryParse(name, ignoreCase: true, out TicketPriority known) && Enum.IsDefined(known) && !int.TryParse(name, out _)
                ? known
                : throw CarmenException.Invalid($"targets.{name}", "Priorities are low, normal, high and urgent.");
            parsed[priority] = new SlaTargets(Minutes(target.FirstResponseMinutes), Minutes(target.NextResponseMinutes), Minutes(target.ResolutionMinutes));
        }

        return new SlaPolicy(
            id ?? throw CarmenException.Invalid("id", "The id is required."),
            request.Name ?? throw CarmenException.Invalid("name", "The name is required."),
            request.CalendarId ?? throw CarmenException.Invalid("calendarId", "The calendar is required."),
            parsed, request.TenantIds);
    }

    private static TimeSpan? Minutes(int? minutes) => minutes is int set ? TimeSpan.FromMinutes(set) : null;

    private static DayOfWeek Day(string? day, string field) =>
        Enum.TryParse(day, ignoreCase: true, out DayOfWeek parsed) && Enum.IsDefined(parsed) && !int.TryParse(day, out _)
            ? parsed
            : throw CarmenException.Invalid(field, "Days are monday to sunday.");

    private static TimeOnly Time(string? time, string field) =>
        TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly parsed)
            ? parsed
            : throw CarmenException.Invalid(field, "Times are HH:mm, local to the calendar's zone.");

    private static ISupportSettingsGrain Settings(IGrainFactory grains) => grains.GetGrain<ISupportSettingsGrain>(ISupportSettingsGrain.Key);
}
