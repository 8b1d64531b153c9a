namespace Carmen.Grains.Interfaces.Usage;

/// <summary>
/// The latency buckets usage is counted in: upper bounds in milliseconds, the last open-ended. Percentiles read from
/// them are the upper bound of the bucket the percentile falls in.
/// </summary>
public static class ApiLatencyBuckets
{
    /// <summary>Upper bounds (ms) of all but the last bucket.</summary>
    public static IReadOnlyList<double> Bounds { get; } = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];

    /// <summary>How many buckets there are.</summary>
    public static int Count => Bounds.Count + 1;

    /// <summary>The bucket of a duration.</summary>
    public static int Of(double milliseconds)
    {
        for (int i = 0; i < Bounds.Count; i++)
        {
            if (milliseconds <= Bounds[i])
            {
                return i;
            }
        }

        return Bounds.Count;
    }

    /// <summary>The latency counts of several samples added up, bucket by bucket.</summary>
    public static long[] Sum(IEnumerable<ApiUsageSample> samples)
    {
        long[] counts = new long[Count];
        foreach (ApiUsageSample sample in samples)
        {
            for (int bucket = 0; bucket < counts.Length; bucket++)
            {
                counts[bucket] += sample.Latency[bucket];
            }
        }

        return counts;
    }

    /// <summary>
    /// The upper bound of the bucket holding the <paramref name="quantile"/> (0..1) of the counts; null when empty, or
    /// when it falls in the open-ended last bucket (past the last bound).
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double quantile)
    {
        long total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        long rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return i < Bounds.Count ? Bounds[i] : null;
            }
        }

        return null;
    }
}
