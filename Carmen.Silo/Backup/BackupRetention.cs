using System.Globalization;
using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Silo.Backup;

/// <summary>
/// Keeps what a retention policy asks for: the newest N backups, and the newest backup of each of the last D days, W
/// ISO weeks and M months that have one (read in the schedule's time zone). The rest are deleted, then every artifact
/// no kept manifest lists (artifacts are shared, so one goes only when no backup holds it any more).
/// </summary>
public static class BackupRetention
{
    /// <summary>Applies the policy; returns the ids of the backups deleted.</summary>
    public static IReadOnlyList<string> Apply(string repository, BackupRetentionPolicy policy, TimeZoneInfo zone)
    {
        IReadOnlyList<string> backups = BackupManifest.InRepository(repository);
        var taken = backups.Select(backup => (Directory: backup, At: TimeZoneInfo.ConvertTime(BackupManifest.Read(backup).CreatedAt, zone))).Reverse().ToList();
        var kept = new HashSet<string>(taken.Take(policy.KeepLast).Select(backup => backup.Directory), StringComparer.Ordinal);
        Keep(kept, taken, policy.Daily, at => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Keep(kept, taken, policy.Weekly, at => $"{ISOWeek.GetYear(at.DateTime)}-W{ISOWeek.GetWeekOfYear(at.DateTime)}");
        Keep(kept, taken, policy.Monthly, at => at.ToString("yyyy-MM", CultureInfo.InvariantCulture));

        List<string> removed = [.. backups.Where(backup => !kept.Contains(backup))];
        foreach (string old in removed)
        {
            Directory.Delete(old, recursive: true);
        }

        string artifacts = Path.Combine(repository, BackupManifest.ArtifactsDirectory);
        if (Directory.Exists(artifacts))
        {
            var held = kept.SelectMany(backup => BackupManifest.Read(backup).Artifacts.Select(file => file.Path)).ToHashSet(StringComparer.Ordinal);
            foreach (string file in Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).ToList())
            {
                if (!held.Contains(Path.GetRelativePath(repository, file).Replace(Path.DirectorySeparatorChar, '/')))
                {
                    File.Delete(file);
                }
            }
        }

        return [.. removed.Select(Path.GetFileName).OfType<string>()];
    }

    /// <summary>Keeps the newest backup of each of the newest <paramref name="generations"/> periods that have one.</summary>
    private static void Keep(HashSet<string> kept, List<(string Directory, DateTimeOffset At)> newestFirst, int generations, Func<DateTimeOffset, string> period)
    {
        foreach (var newestOfPeriod in newestFirst.GroupBy(backup => period(backup.At)).Take(generations))
        {
            kept.Add(newestOfPeriod.First().Directory);
        }
    }
}
