using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Support;

/// <summary>
/// Business time on a calendar: how much of a span falls in working hours (holidays excluded), and when a given amount
/// of it will have passed. Days are walked in the calendar's zone, so a working day is its local hours whatever the
/// daylight-saving offset; a local time that does not exist that day (the hour skipped in spring) counts from the
/// first instant after it.
/// </summary>
internal sealed class BusinessClock
{
    /// <summary>How far <see cref="Add"/> looks ahead: a calendar open an hour a year still finds its due time.</summary>
    private static readonly TimeSpan s_horizon = TimeSpan.FromDays(3 * 366);

    private readonly TimeZoneInfo _zone;
    private readonly ILookup<DayOfWeek, WorkingHours> _hours;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessClock(BusinessCalendar calendar)
    {
        _zone = Zone(calendar.TimeZone, "timeZone");
        _hours = calendar.WorkingHours.ToLookup(stretch => stretch.Day);
        _holidays = [.. calendar.Holidays];
    }

    /// <summary>The zone named, or a validation error on <paramref name="field"/>.</summary>
    public static TimeZoneInfo Zone(string timeZone, string field)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception unknown) when (unknown is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw CarmenException.Invalid(field, $"Unknown time zone '{timeZone}'; use an IANA name such as Europe/Berlin.");
        }
    }

    /// <summary>Business time between two instants.</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        TimeSpan total = TimeSpan.Zero;
        foreach ((DateTimeOffset start, DateTimeOffset end) in OpenStretches(from, to))
        {
            total += end - start;
        }

        return total;
    }

    /// <summary>When <paramref name="business"/> of business time will have passed after <paramref name="from"/>; null past the horizon.</summary>
    public DateTimeOffset? Add(DateTimeOffset from, TimeSpan business)
    {
        TimeSpan left = business;
        foreach ((DateTimeOffset start, DateTimeOffset end) in OpenStretches(from, from + s_horizon))
        {
            if (end - start >= left)
            {
                return start + left;
            }

            left -= end - start;
        }

        return left <= TimeSpan.Zero ? from : null;
    }

    /// <summary>The working stretches within [from, to), clipped to it, in time order.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> OpenStretches(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            yield break;
        }

        // A day before and after in local dates, so stretches of days whose local date differs from UTC's are seen.
        DateOnly day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime).AddDays(-1);
        DateOnly last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, _zone).DateTime).AddDays(1);
        for (; day <= last; day = day.AddDays(1))
        {
            if (_holidays.Contains(day))
            {
                continue;
            }

            foreach (WorkingHours stretch in _hours[day.DayOfWeek].OrderBy(stretch => stretch.From))
            {
                DateTimeOffset start = Instant(day, stretch.From);
                DateTimeOffset end = stretch.To == TimeOnly.MinValue ? Instant(day.AddDays(1), TimeOnly.MinValue) : Instant(day, stretch.To);
                DateTimeOffset clippedStart = start > from ? start : from;
                DateTimeOffset clippedEnd = end < to ? end : to;
                if (clippedEnd > clippedStart)
                {
                    yield return (clippedStart, clippedEnd);
                }
            }
        }
    }

    /// <summary>The instant of a local time; a time the zone skips that day moves to the end of the gap.</summary>
    private DateTimeOffset Instant(DateOnly day, TimeOnly time)
    {
        DateTime local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, _zone), TimeSpan.Zero);
    }
}
