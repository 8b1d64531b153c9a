using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Carmen.Testing;

namespace Carmen.Benchmarks;

/// <summary>
/// The edge agent's footprint: the AOT binaries' sizes (<c>deploy/agent/publish.sh</c> builds them), and the x64
/// binary connected to a real Carmen process: time from start to connected, then CPU (utime+stime from
/// /proc/{pid}/stat) and resident memory over an idle period at the default 30 s telemetry interval.
/// Targets from the issue: binary ≤ 15 MB, idle RSS ≤ 20 MB, idle CPU &lt; 0.5% of one core. With <c>--ddi-sleep</c>
/// the agent also polls DDI for update actions, at that interval.
/// </summary>
internal static class AgentBenchmark
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        string repository = Repository.Root;
        string binary = options.Binary is { Length: > 0 } given ? Path.GetFullPath(given) : Path.Combine(repository, "out/agent/linux-x64/carmen-agent");
        if (!File.Exists(binary))
        {
            Console.Error.WriteLine($"No agent binary at {binary}: run deploy/agent/publish.sh first.");
            return 1;
        }

        var figures = new Dictionary<string, object>();
        foreach (string rid in new[] { "linux-x64", "linux-arm64" })
        {
            var file = new FileInfo(Path.Combine(repository, "out/agent", rid, "carmen-agent"));
            if (file.Exists)
            {
                Console.WriteLine($"binary {rid,-12} {file.Length,14:N0} bytes");
                figures[$"binaryBytes.{rid}"] = file.Length;
            }
        }

        string data = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        string state = Path.Combine(data, "agent-state");
        const string password = "benchmark-password";
        CarmenProcess node = await CarmenProcess.StartAsync(Path.Combine(data, "carmen"), new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = password,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        try
        {
            string admin = await node.Http.SignInAsync("admin", password);
            await node.Http.CreateTenantWithClusterAsync(admin, "bench");
            string deviceToken = await node.Http.CreateDeviceAsync(admin, "bench", "agent-1");
            List<string> extra = [];
            if (options.DdiSleep.Length > 0)
            {
                await node.Http.SendJsonAsync(admin, HttpMethod.Put, "/api/v1/tenants/bench/ddi-settings", new { pollingSleep = options.DdiSleep });
                extra.AddRange(["--ddi:tenant", "bench", "--ddi:controllerId", "agent-1"]);
                figures["ddiPollingSleep"] = options.DdiSleep;
            }

            await MeasureAsync(binary, node, deviceToken, state, extra, options.Seconds, figures);
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }

        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    private static async Task MeasureAsync(
        string binary, CarmenProcess node, string deviceToken, string state, IEnumerable<string> extra, int seconds, Dictionary<string, object> figures)
    {
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "run", "--host", "127.0.0.1", "--port", node.MqttPort.ToString(CultureInfo.InvariantCulture), "--token", deviceToken,
                "--state-dir", state, "--http-url", $"http://127.0.0.1:{node.HttpPort}", "--interval", "30", "--config", WriteEmptyConfig(state) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Stopwatch clock = Stopwatch.StartNew();
        using Process agent = Process.Start(start)!;
        int failedPolls = 0;
        agent.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Connected to Carmen", StringComparison.Ordinal) == true)
            {
                connected.TrySetResult();
            }
            else if (line.Data?.Contains("Polling DDI failed", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref failedPolls);
            }
        };
        agent.BeginOutputReadLine();
        agent.BeginErrorReadLine();
        try
        {
            await connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
            double startup = clock.Elapsed.TotalMilliseconds;
            await Task.Delay(TimeSpan.FromSeconds(5)); // past start-up work: the first sample, attributes, subscriptions
            long ticksBefore = CpuTicks(agent.Id);
            clock.Restart();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            double idleSeconds = clock.Elapsed.TotalSeconds;
            long ticks = CpuTicks(agent.Id) - ticksBefore;
            double cpuPercent = ticks / ClockTicksPerSecond / idleSeconds * 100;
            long rss = ProcessMemory.ResidentBytes(agent.Id);
            Console.WriteLine($"start to connected   {startup,14:N0} ms");
            Console.WriteLine($"idle CPU over {idleSeconds:N0} s   {cpuPercent,13:N2} % of one core ({ticks} ticks)");
            Console.WriteLine($"idle RSS             {rss / 1048576.0,14:N1} MiB");
            figures["startupMs"] = Math.Round(startup);
            figures["idleCpuPercent"] = Math.Round(cpuPercent, 2);
            figures["idleSeconds"] = Math.Round(idleSeconds);
            figures["idleRssMiB"] = Math.Round(rss / 1048576.0, 1);
            figures["failedDdiPolls"] = failedPolls;
        }
        finally
        {
            using Process? stop = Process.Start("kill", ["-TERM", agent.Id.ToString(CultureInfo.InvariantCulture)]);
            if (!agent.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                agent.Kill();
            }
        }
    }

    /// <summary>An empty config file, so a machine's /etc/carmen-agent/agent.json cannot change what is measured.</summary>
    private static string WriteEmptyConfig(string state)
    {
        Directory.CreateDirectory(state);
        string path = Path.Combine(state, "agent.json");
        File.WriteAllText(path, "{}");
        return path;
    }

    private static long CpuTicks(int processId)
    {
        // /proc/{pid}/stat: fields 14 and 15 (utime, stime), counted after the parenthesised command name.
        string stat = File.ReadAllText($"/proc/{processId}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

}
