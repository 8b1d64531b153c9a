using Carmen.Grains.Escalation;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Escalation;

namespace Carmen.Grains.Tests;

/// <summary>When an escalation is due and what it notifies, without a cluster.</summary>
public sealed class EscalationScheduleTests
{
    private static readonly DateTimeOffset s_raisedAt = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AfterADowntimeEveryLevelDueIsNotifiedInOrder()
    {
        EscalationPath path = Path(renotifyMinutes: null, 0, 15, 60);
        EscalationEntry entry = EscalationSchedule.Start("a", path, Alert(), []);

        (IReadOnlyList<(int Level, int Repeat)> notify, EscalationEntry? next) = EscalationSchedule.Advance(entry, path.Definition, s_raisedAt.AddMinutes(20));

        entry.NextDueAt.Should().Be(s_raisedAt);
        notify.Should().Equal((0, 0), (1, 0));
        next!.NextDueAt.Should().Be(s_raisedAt.AddMinutes(60));
    }

    [Fact]
    public void TheLatestLevelIsRenotifiedUntilTheNextTakesOver()
    {
        EscalationPath path = Path(renotifyMinutes: 10, 0, 25);
        EscalationEntry entry = EscalationSchedule.Start("a", path, Alert(), []);

        (var atRaise, entry) = Step(entry, path, s_raisedAt);
        (var atTen, entry) = Step(entry, path, s_raisedAt.AddMinutes(10));
        (var atTwenty, entry) = Step(entry, path, s_raisedAt.AddMinutes(20));
        DateTimeOffset due = entry.NextDueAt;
        (var atTwentyFive, entry) = Step(entry, path, due);

        atRaise.Should().Equal((0, 0));
        atTen.Should().Equal((0, 1));
        atTwenty.Should().Equal((0, 2));
        due.Should().Be(s_raisedAt.AddMinutes(25), "the next level comes before the next reminder would");
        atTwentyFive.Should().Equal((1, 0));
        entry.NextDueAt.Should().Be(s_raisedAt.AddMinutes(35));
    }

    [Fact]
    public void WithoutRenotificationTheEscalationEndsAtItsLastLevel()
    {
        EscalationPath path = Path(renotifyMinutes: null, 0);

        (IReadOnlyList<(int Level, int Repeat)> notify, EscalationEntry? next) = EscalationSchedule.Advance(EscalationSchedule.Start("a", path, Alert(), []), path.Definition, s_raisedAt);

        notify.Should().Equal((0, 0));
        next.Should().BeNull();
    }

    [Fact]
    public void NothingIsNotifiedBeforeItIsDue()
    {
        EscalationPath path = Path(renotifyMinutes: 5, 15);

        (IReadOnlyList<(int Level, int Repeat)> notify, EscalationEntry? next) = EscalationSchedule.Advance(EscalationSchedule.Start("a", path, Alert(), []), path.Definition, s_raisedAt.AddMinutes(14));

        notify.Should().BeEmpty("no level is reached yet, so there is nothing to remind of either");
        next!.NextDueAt.Should().Be(s_raisedAt.AddMinutes(15));
    }

    /// <summary>Advances an escalation that must go on afterwards.</summary>
    private static (IReadOnlyList<(int Level, int Repeat)> Notify, EscalationEntry Next) Step(EscalationEntry entry, EscalationPath path, DateTimeOffset now)
    {
        (IReadOnlyList<(int Level, int Repeat)> notify, EscalationEntry? next) = EscalationSchedule.Advance(entry, path.Definition, now);
        next.Should().NotBeNull();
        return (notify, next!);
    }

    private static EscalationPath Path(int? renotifyMinutes, params int[] delays) =>
        new(1, new EscalationPathDraft("p", [.. delays.Select(delay => new EscalationLevel(delay, [1], []))], renotifyMinutes), s_raisedAt, s_raisedAt);

    private static AlertRaised Alert() => new("d1", "c1", 1, "r", AlertSeverity.Major, s_raisedAt, new Dictionary<string, Interfaces.Connectivity.TimestampedValue>());
}
