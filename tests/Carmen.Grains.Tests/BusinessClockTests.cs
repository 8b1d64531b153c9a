using Carmen.Grains.Interfaces.Support;
using Carmen.Grains.Support;

namespace Carmen.Grains.Tests;

/// <summary>Business time on a calendar: working hours only, holidays skipped, days in the calendar's own zone across daylight-saving changes.</summary>
public sealed class BusinessClockTests
{
    private static readonly WorkingHours[] s_weekdays =
    [
        .. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(day => new WorkingHours(day, new TimeOnly(9, 0), new TimeOnly(17, 0))),
    ];

    [Fact]
    public void OnlyWorkingHoursCountAndHolidaysAreSkipped()
    {
        // Friday 2026-12-18 16:00 UTC to Tuesday 2026-12-22 10:00 UTC, with Monday a holiday: 1 h Friday, 1 h Tuesday.
        var clock = new BusinessClock(new BusinessCalendar("c", "C", "Etc/UTC", s_weekdays, [new DateOnly(2026, 12, 21)]));

        clock.Between(At(2026, 12, 18, 16), At(2026, 12, 22, 10)).Should().Be(TimeSpan.FromHours(2));
        clock.Between(At(2026, 12, 19, 0), At(2026, 12, 20, 23)).Should().Be(TimeSpan.Zero, "a weekend has no working hours");
        clock.Add(At(2026, 12, 18, 16), TimeSpan.FromHours(2)).Should().Be(At(2026, 12, 22, 10));
        clock.Add(At(2026, 12, 19, 12), TimeSpan.FromMinutes(30)).Should().Be(At(2026, 12, 22, 9, 30), "from a weekend, the clock starts with the next working day");
    }

    [Fact]
    public void WorkingDaysAreLocalAcrossADaylightSavingChange()
    {
        // Berlin: 09:00-17:00 local is 08:00-16:00 UTC in winter and 07:00-15:00 UTC in summer (from Sunday 2027-03-28).
        var clock = new BusinessClock(new BusinessCalendar("berlin", "Berlin", "Europe/Berlin", s_weekdays, []));

        clock.Between(At(2027, 3, 26, 0), At(2027, 3, 26, 23)).Should().Be(TimeSpan.FromHours(8));
        clock.Between(At(2027, 3, 26, 15), At(2027, 3, 29, 8)).Should().Be(TimeSpan.FromHours(2), "Friday 15:00-16:00 UTC, Monday 07:00-08:00 UTC");
        clock.Add(At(2027, 3, 26, 15), TimeSpan.FromHours(1) + TimeSpan.FromMinutes(30)).Should().Be(At(2027, 3, 29, 7, 30));
    }

    [Fact]
    public void AStretchEndingAtMidnightRunsToTheEndOfTheDay()
    {
        var clock = new BusinessClock(new BusinessCalendar("late", "Late", "Etc/UTC", [new WorkingHours(DayOfWeek.Saturday, new TimeOnly(20, 0), TimeOnly.MinValue)], []));

        clock.Between(At(2026, 12, 19, 0), At(2026, 12, 21, 0)).Should().Be(TimeSpan.FromHours(4));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);
}
