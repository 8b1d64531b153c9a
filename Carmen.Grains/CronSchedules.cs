using Carmen.Grains.Interfaces;
using Cronos;

namespace Carmen.Grains;

/// <summary>
/// Reads the cron schedules and time zones operators give (maintenance windows, backups): 5 fields, or 6 with seconds
/// first as hawkBit writes them, and IANA time zone names. Faults are validation errors naming the field.
/// </summary>
public static class CronSchedules
{
    public static CronExpression Parse(string? schedule, string field)
    {
        string[] fields = (schedule ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            return fields.Length switch
            {
                5 => CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard),
                6 => CronExpression.Parse(string.Join(' ', fields), CronFormat.IncludeSeconds),
                _ => throw new CronFormatException("A schedule has 5 fields (minute hour day month weekday), or 6 with seconds first."),
            };
        }
        catch (CronFormatException invalid)
        {
            throw CarmenException.Invalid(field, $"Not a cron schedule: {invalid.Message}");
        }
    }

    public static TimeZoneInfo Zone(string? id, string field) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id ?? "", out TimeZoneInfo? zone)
            ? zone
            : throw CarmenException.Invalid(field, $"Unknown time zone '{id}'; use an IANA name such as \"Europe/Berlin\" or \"UTC\".");
}
