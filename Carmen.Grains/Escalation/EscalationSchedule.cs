using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Escalation;

namespace Carmen.Grains.Escalation;

/// <summary>
/// When an escalation is next due and what it notifies then. Level delays count from the raise; a re-notification
/// repeats the latest level reached, counting from its last notification, until the next level takes over.
/// </summary>
public static class EscalationSchedule
{
    /// <summary>A new escalation, due when its first level is.</summary>
    public static EscalationEntry Start(string alertId, EscalationPath path, AlertRaised alert, IReadOnlyList<long> teamIds) =>
        new(alertId, path.Id, alert, teamIds, 0, -1, 0, null, LevelDue(alert.At, path.Definition, 0)!.Value);

    /// <summary>
    /// The levels to notify now, in order, as (level, repeat), and the entry after them: null once nothing is left to do
    /// (every level reached and no re-notification).
    /// </summary>
    public static (IReadOnlyList<(int Level, int Repeat)> Notify, EscalationEntry? Next) Advance(EscalationEntry entry, EscalationPathDraft path, DateTimeOffset now)
    {
        var notify = new List<(int Level, int Repeat)>();
        (int nextLevel, int current, int repeat) = (entry.NextLevel, entry.CurrentLevel, entry.Repeat);
        while (LevelDue(entry.Alert.At, path, nextLevel) is DateTimeOffset due && due <= now)
        {
            (current, repeat) = (nextLevel++, 0);
            notify.Add((current, repeat));
        }

        if (notify.Count == 0 && current >= 0 && RenotifyDue(entry.LastNotifiedAt, path) <= now)
        {
            notify.Add((current, ++repeat));
        }

        DateTimeOffset? lastNotified = notify.Count > 0 ? now : entry.LastNotifiedAt;
        DateTimeOffset? nextDue = Moments.Earliest(LevelDue(entry.Alert.At, path, nextLevel), current >= 0 ? RenotifyDue(lastNotified, path) : null);
        EscalationEntry? next = nextDue is DateTimeOffset at
            ? entry with { NextLevel = nextLevel, CurrentLevel = current, Repeat = repeat, LastNotifiedAt = lastNotified, NextDueAt = at }
            : null;
        return (notify, next);
    }

    private static DateTimeOffset? LevelDue(DateTimeOffset raisedAt, EscalationPathDraft path, int level) =>
        level < path.Levels.Count ? raisedAt + TimeSpan.FromMinutes(path.Levels[level].DelayMinutes) : null;

    private static DateTimeOffset? RenotifyDue(DateTimeOffset? lastNotifiedAt, EscalationPathDraft path) =>
        path.RenotifyMinutes is int minutes && lastNotifiedAt is DateTimeOffset last ? last + TimeSpan.FromMinutes(minutes) : null;
}
