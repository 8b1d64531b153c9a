namespace Carmen.EdgeAgent.Telemetry;

/// <summary>The aggregate CPU line of /proc/stat, in clock ticks: busy is everything but idle and iowait.</summary>
public readonly record struct CpuTimes(ulong Busy, ulong Total)
{
    /// <summary>Percent of CPU time busy between an earlier sample and this one (0 when no time passed).</summary>
    public double PercentBusySince(CpuTimes earlier)
    {
        ulong total = Total - earlier.Total;
        return total == 0 ? 0 : Math.Round(100.0 * (Busy - earlier.Busy) / total, 1);
    }
}
