namespace Carmen.Grains.Interfaces.Usage;

/// <summary>
/// How one key's calls went over a period, from its usage rollups: calls, the shares of 4xx and 5xx answers, p95
/// latency, and its volume in the last hour against its hourly average over the period (<see cref="VolumeChange"/>:
/// "spike" at three times the average and at least 10 calls, "drop" below a third of an average of at least 10).
/// </summary>
public sealed record KeyHealth(long Calls, double ClientErrorRate, double ServerErrorRate, double? P95Ms, long LastHourCalls, double HourlyAverage, string? VolumeChange)
{
    private const int ChangeFactor = 3;
    private const int MinimumHourly = 10;

    /// <summary>The health of <paramref name="rows"/> (one key's, within the <paramref name="period"/> before <paramref name="now"/>).</summary>
    public static KeyHealth Of(IReadOnlyCollection<ApiUsageSample> rows, DateTimeOffset now, TimeSpan period)
    {
        long calls = rows.Sum(row => row.Requests);
        long lastHour = rows.Where(row => row.Minute >= now.AddHours(-1)).Sum(row => row.Requests);
        double hourly = calls / Math.Max(1, period.TotalHours);
        string? change = lastHour >= MinimumHourly && lastHour > ChangeFactor * hourly ? "spike"
            : hourly >= MinimumHourly && lastHour * ChangeFactor < hourly ? "drop"
            : null;
        return new KeyHealth(calls, Rate(rows, 4, calls), Rate(rows, 5, calls), ApiLatencyBuckets.Percentile(ApiLatencyBuckets.Sum(rows), 0.95),
            lastHour, Math.Round(hourly, 2), change);
    }

    private static double Rate(IReadOnlyCollection<ApiUsageSample> rows, int statusClass, long calls) =>
        calls == 0 ? 0 : Math.Round(rows.Where(row => row.StatusClass == statusClass).Sum(row => row.Requests) / (double)calls, 4);
}
