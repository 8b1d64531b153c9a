namespace Carmen.Grains.Interfaces.Support;

/// <summary>One stretch of a working day, in the calendar's time zone: from <see cref="From"/> until <see cref="To"/> on <see cref="Day"/>.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.WorkingHours")]
public sealed record WorkingHours(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] TimeOnly From,
    [property: Id(2)] TimeOnly To);
