namespace Carmen.Silo.Backup;

/// <summary>Where a restored state differs from what its backup's manifest recorded, one line per count, checksum or day.</summary>
public static class StateDifferences
{
    public static IReadOnlyList<string> Between(BackupState expected, BackupState actual) =>
    [
        .. Compare("rows of", expected.Counts, actual.Counts),
        .. Compare("checksum of", expected.Checksums, actual.Checksums),
        .. Compare("telemetry points on", expected.TelemetryPointsPerDay, actual.TelemetryPointsPerDay),
    ];

    private static IEnumerable<string> Compare<T>(string what, IReadOnlyDictionary<string, T> expected, IReadOnlyDictionary<string, T> actual) =>
        expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(key => !(expected.TryGetValue(key, out T? want) && actual.TryGetValue(key, out T? have) && EqualityComparer<T>.Default.Equals(want, have)))
            .Select(key => $"{what} {key}: the manifest says {(expected.TryGetValue(key, out T? want) ? want : "nothing")}, the restore has {(actual.TryGetValue(key, out T? have) ? have : "nothing")}");
}
