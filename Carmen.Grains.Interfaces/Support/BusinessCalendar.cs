namespace Carmen.Grains.Interfaces.Support;

/// <summary>When support works: working hours per weekday and holidays, in an IANA time zone (so daylight saving is the zone's).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BusinessCalendar")]
public sealed record BusinessCalendar(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] IReadOnlyList<WorkingHours> WorkingHours,
    [property: Id(4)] IReadOnlyList<DateOnly> Holidays);
