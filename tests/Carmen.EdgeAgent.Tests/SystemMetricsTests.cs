using Carmen.EdgeAgent.Telemetry;

namespace Carmen.EdgeAgent.Tests;

/// <summary>The metric readers on fixture copies of /proc and /sys files taken from a Linux device.</summary>
public sealed class SystemMetricsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "carmen-agent-proc", Guid.NewGuid().ToString("N"));

    public SystemMetricsTests() => CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures"), _root);

    [Fact]
    public void ReadsTheDocumentedKeysFromProcAndSys()
    {
        var metrics = new SystemMetrics(_root, []);
        File.WriteAllText(Path.Combine(_root, "proc/stat"), "cpu  10132253 290696 3084819 46828683 16683 0 25195 0 175628 0\n");

        Dictionary<string, double> values = metrics.Read();

        values["cpu"].Should().Be(50.0, "200 of the 400 ticks since the first sample were busy");
        (values["load1"], values["load5"], values["load15"]).Should().Be((0.52, 0.38, 0.31));
        values["memAvailable"].Should().Be(1_536_000L * 1024);
        values["memUsed"].Should().Be((2_048_000L - 1_536_000L) * 1024);
        values["uptime"].Should().Be(86461.25);
        (values["netRx.eth0"], values["netTx.eth0"]).Should().Be((987654321, 123456789));
        values.Should().ContainKey("netRx.wlan0").And.NotContainKey("netRx.lo");
        values["temp"].Should().Be(61.3, "the hottest zone counts (61.25 °C rounded)");
    }

    [Fact]
    public void OldKernelsWithoutMemAvailableEstimateItFromFreeBuffersAndCache()
    {
        (long used, long available) = ProcParsers.ParseMemory("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n");

        available.Should().Be(400 * 1024);
        used.Should().Be(600 * 1024);
    }

    [Fact]
    public void DiskUsageIsReportedPerMountAndAMissingOneIsLeftOut()
    {
        Dictionary<string, double> values = new SystemMetrics("/", ["/", "/no/such/mount"]).Read();

        values["disk./"].Should().BeInRange(0, 1);
        values.Should().NotContainKey("disk./no/such/mount");
    }

    [Fact]
    public void AStatFileWithoutTheCpuLineIsAFormatError()
    {
        Action parse = () => ProcParsers.ParseCpu("intr 1 2 3\n");

        parse.Should().Throw<FormatException>();
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void CopyDirectory(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
