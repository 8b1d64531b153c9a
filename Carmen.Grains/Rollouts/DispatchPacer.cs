using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// Counts notifications per minute for a rollout's pacing. Minutes are counted from the first notification; with a
/// ramp, minute k allows start × factor^k, up to the maximum. Kept in the rollout's state so a restart does not
/// reset the budget.
/// </summary>
[GenerateSerializer, Alias("Carmen.DispatchPacer")]
public sealed class DispatchPacer
{
    [Id(0)] public DateTimeOffset? FirstMinuteStart { get; set; }
    [Id(1)] public long MinuteIndex { get; set; }
    [Id(2)] public int UsedThisMinute { get; set; }

    /// <summary>How many devices may be notified now; unlimited without pacing.</summary>
    public int Available(Pacing? pacing, DateTimeOffset now)
    {
        if (pacing is null)
        {
            return int.MaxValue;
        }

        FirstMinuteStart ??= now;
        long minute = (long)((now - FirstMinuteStart.Value).Ticks / TimeSpan.TicksPerMinute);
        if (minute != MinuteIndex)
        {
            (MinuteIndex, UsedThisMinute) = (minute, 0);
        }

        return Math.Max(0, RateAt(pacing, MinuteIndex) - UsedThisMinute);
    }

    /// <summary>Records notifications made.</summary>
    public void Take(int count) => UsedThisMinute += count;

    /// <summary>The per-minute allowance of minute <paramref name="minute"/> of dispatching.</summary>
    public static int RateAt(Pacing pacing, long minute)
    {
        if (pacing.RampStartPerMinute is not int start)
        {
            return pacing.MaxPerMinute;
        }

        double rate = start * Math.Pow(pacing.RampFactor, Math.Min(minute, 64));
        return rate >= pacing.MaxPerMinute ? pacing.MaxPerMinute : (int)rate;
    }
}
