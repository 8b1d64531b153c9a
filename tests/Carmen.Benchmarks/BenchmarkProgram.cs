namespace Carmen.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- register [--devices 100000] [--batch 500] [--parallel 4] [--licensed]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- search [--devices 1000000]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- rollout [--devices 100000]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- mqtt [--devices 1000] [--seconds 20] [--qos 0|1] [--target carmen|mosquitto|both] [--idle] [--alert-rules 10] [--rate messages/s] [--stored] [--registered 1000000] [--licensed]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- alerts [--devices 100000]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- gateway [--devices 10000] [--seconds 20]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- agent [--seconds 60] [--binary out/agent/linux-x64/carmen-agent] [--ddi-sleep 00:00:30]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- backup [--devices 100000]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- access
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- ratelimit [--seconds 10] [--parallel 4]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- history [--devices 1000]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- pki [--devices 1000] [--parallel 4] [--silos 1|2]
/// dotnet run -c Release --project tests/Carmen.Benchmarks -- incident [--devices 10000] [--connected 1000] [--parallel 4]
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        return options.Command switch
        {
            "register" => await RegistrationBenchmark.RunAsync(options),
            "search" => await SearchBenchmark.RunAsync(options),
            "rollout" => await RolloutBenchmark.RunAsync(options),
            "agent" => await AgentBenchmark.RunAsync(options),
            "alerts" => await AlertBenchmark.RunAsync(options),
            "gateway" => await GatewayBenchmark.RunAsync(options),
            "access" => await AccessBenchmark.RunAsync(options),
            "audit" => await AuditBenchmark.RunAsync(options),
            "ratelimit" => await RateLimitBenchmark.RunAsync(options),
            "history" => await HistoryBenchmark.RunAsync(options),
            "backup" => await BackupBenchmark.RunAsync(options),
            "pki" => await PkiBenchmark.RunAsync(options),
            "incident" => await IncidentBenchmark.RunAsync(options),
            "mqtt" when options.Qos is 0 or 1 && options.Target is "carmen" or "mosquitto" or "both" => await MqttBenchmark.RunAsync(options),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Carmen.Benchmarks register [--devices N] [--batch N] [--parallel N] [--licensed] | search [--devices N] | rollout [--devices N]"
            + " | mqtt [--devices N] [--seconds S] [--qos 0|1] [--target carmen|mosquitto|both] [--idle] [--alert-rules N] [--rate R] [--stored] [--registered N] [--licensed] | alerts [--devices N] | gateway [--devices N] [--seconds S] | agent [--seconds S] [--binary PATH] [--ddi-sleep HH:MM:SS] | access | audit | ratelimit [--seconds S] [--parallel N] | history [--devices N] | backup [--devices N] | pki [--devices N] [--parallel N] [--silos 1|2] | incident [--devices N] [--connected N] [--parallel N]");
        return 2;
    }
}
