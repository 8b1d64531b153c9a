using System.Diagnostics;
using System.Globalization;

namespace Carmen.Benchmarks;

/// <summary>CPU time (user and system) a process has used: another's from /proc (Linux, 100 ticks a second), or this one's.</summary>
internal static class ProcessCpu
{
    public static TimeSpan Of(int processId)
    {
        string stat = File.ReadAllText($"/proc/{processId}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (name) ": field 3 (state) first
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public static TimeSpan OfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
