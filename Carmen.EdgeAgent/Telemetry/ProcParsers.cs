using System.Globalization;

namespace Carmen.EdgeAgent.Telemetry;

/// <summary>Parsers for the /proc files the agent reads; pure functions over the files' text, tested on fixture copies.</summary>
public static class ProcParsers
{
    /// <summary>/proc/stat's first line: <c>cpu user nice system idle iowait irq softirq steal ...</c>.</summary>
    public static CpuTimes ParseCpu(string stat)
    {
        string line = stat.AsSpan().Trim().ToString().Split('\n', 2)[0];
        string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 5 || fields[0] != "cpu")
        {
            throw new FormatException("/proc/stat does not start with the aggregate cpu line.");
        }

        // guest and guest_nice (fields 9 and 10) are already counted in user and nice.
        ulong[] ticks = [.. fields.Skip(1).Take(8).Select(field => ulong.Parse(field, CultureInfo.InvariantCulture))];
        ulong idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0);
        ulong total = ticks.Aggregate(0UL, (sum, value) => sum + value);
        return new CpuTimes(total - idle, total);
    }

    /// <summary>/proc/loadavg: the 1, 5 and 15 minute load averages.</summary>
    public static (double Load1, double Load5, double Load15) ParseLoadAverage(string loadavg)
    {
        string[] fields = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (Number(fields[0]), Number(fields[1]), Number(fields[2]));
    }

    /// <summary>/proc/meminfo in bytes: used (total less available) and available.</summary>
    public static (long Used, long Available) ParseMemory(string meminfo)
    {
        long total = 0, available = -1, free = 0, buffers = 0, cached = 0;
        foreach (string line in meminfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            long bytes = long.Parse(fields[1], CultureInfo.InvariantCulture) * 1024;
            switch (fields[0])
            {
                case "MemTotal:": total = bytes; break;
                case "MemAvailable:": available = bytes; break;
                case "MemFree:": free = bytes; break;
                case "Buffers:": buffers = bytes; break;
                case "Cached:": cached = bytes; break;
            }
        }

        // Kernels before 3.14 have no MemAvailable; free + buffers + cache is the usual estimate there.
        available = available >= 0 ? available : free + buffers + cached;
        return (total - available, available);
    }

    /// <summary>/proc/uptime: seconds since boot.</summary>
    public static double ParseUptime(string uptime) => Number(uptime.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);

    /// <summary>/proc/net/dev: bytes received and sent per interface, loopback left out.</summary>
    public static IReadOnlyDictionary<string, (long Received, long Sent)> ParseNetworkDevices(string netdev)
    {
        var counters = new SortedDictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (string line in netdev.Split('\n').Skip(2))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            string name = line[..colon].Trim();
            string[] fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (name == "lo" || fields.Length < 9)
            {
                continue;
            }

            counters[name] = (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[8], CultureInfo.InvariantCulture));
        }

        return counters;
    }

    /// <summary>A thermal zone's <c>temp</c> file: millidegrees Celsius, answered in degrees.</summary>
    public static double ParseThermalZone(string temp) => Math.Round(long.Parse(temp.Trim(), CultureInfo.InvariantCulture) / 1000.0, 1, MidpointRounding.AwayFromZero);

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
