namespace Carmen.EdgeAgent.Telemetry;

/// <summary>
/// Reads the device's vital signs from /proc and /sys under a root directory ("/" on a device; a fixture copy in
/// tests). CPU is the busy share since the previous reading, so the first reading covers the time since construction.
/// </summary>
public sealed class SystemMetrics
{
    private readonly string _root;
    private readonly IReadOnlyList<string> _mounts;
    private CpuTimes _previousCpu;

    public SystemMetrics(string root, IReadOnlyList<string> mounts)
    {
        (_root, _mounts) = (root, mounts);
        _previousCpu = ProcParsers.ParseCpu(Read("proc/stat"));
    }

    /// <summary>The keys Carmen documents for the agent: cpu, load1/5/15, memUsed, memAvailable, disk.{mount}, uptime, netRx/netTx.{if}, temp.</summary>
    public Dictionary<string, double> Read()
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        CpuTimes cpu = ProcParsers.ParseCpu(Read("proc/stat"));
        values["cpu"] = cpu.PercentBusySince(_previousCpu);
        _previousCpu = cpu;

        (double load1, double load5, double load15) = ProcParsers.ParseLoadAverage(Read("proc/loadavg"));
        (values["load1"], values["load5"], values["load15"]) = (load1, load5, load15);
        (long used, long available) = ProcParsers.ParseMemory(Read("proc/meminfo"));
        (values["memUsed"], values["memAvailable"]) = (used, available);
        values["uptime"] = ProcParsers.ParseUptime(Read("proc/uptime"));
        foreach ((string name, (long received, long sent)) in ProcParsers.ParseNetworkDevices(Read("proc/net/dev")))
        {
            (values[$"netRx.{name}"], values[$"netTx.{name}"]) = (received, sent);
        }

        if (Temperature() is double temperature)
        {
            values["temp"] = temperature;
        }

        foreach (string mount in _mounts)
        {
            if (DiskUsedFraction(mount) is double fraction)
            {
                values[$"disk.{mount}"] = fraction;
            }
        }

        return values;
    }

    /// <summary>The hottest thermal zone, where /sys/class/thermal has any.</summary>
    private double? Temperature()
    {
        string thermal = Path.Combine(_root, "sys/class/thermal");
        if (!Directory.Exists(thermal))
        {
            return null;
        }

        double? hottest = null;
        foreach (string zone in Directory.EnumerateDirectories(thermal, "thermal_zone*"))
        {
            try
            {
                double degrees = ProcParsers.ParseThermalZone(File.ReadAllText(Path.Combine(zone, "temp")));
                hottest = Math.Max(hottest ?? double.MinValue, degrees);
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or FormatException)
            {
                // Some zones (a sleeping sensor) refuse reads; the others still count.
            }
        }

        return hottest;
    }

    /// <summary>Share of the mount's space in use (what df shows), or null when the mount is not there.</summary>
    private double? DiskUsedFraction(string mount)
    {
        try
        {
            var drive = new DriveInfo(Path.Combine(_root, mount.TrimStart('/')));
            return drive.TotalSize == 0 ? null : Math.Round(1 - ((double)drive.AvailableFreeSpace / drive.TotalSize), 4);
        }
        catch (Exception failure) when (failure is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string Read(string relative) => File.ReadAllText(Path.Combine(_root, relative));
}
