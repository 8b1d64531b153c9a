using System.Globalization;

namespace Carmen.Benchmarks;

internal sealed record BenchmarkOptions(string Command, int Devices, int Batch, int Parallel, int Seconds = 20, int Qos = 1, string Target = "carmen", bool Idle = false, string Binary = "", string DdiSleep = "", int AlertRules = 0, double Rate = 0, bool Stored = false, int Registered = 0, int Warmup = 0, int Silos = 1, int Connected = 1_000, bool Licensed = false)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string command = args.FirstOrDefault() ?? "";
        int Value(string name, int fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        string Text(string name, string fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        int defaultSeconds = command switch { "agent" => 60, "ratelimit" => 10, _ => 20 };
        int defaultDevices = command switch { "search" => 1_000_000, "mqtt" or "history" => 1_000, "gateway" or "incident" => 10_000, _ => 100_000 };
        return new BenchmarkOptions(command, Value("--devices", defaultDevices), Value("--batch", 500), Value("--parallel", 4),
            Value("--seconds", defaultSeconds), Value("--qos", 1), Text("--target", "carmen"), args.Contains("--idle"), Text("--binary", ""), Text("--ddi-sleep", ""),
            Value("--alert-rules", 0), Value("--rate", 0), args.Contains("--stored"), Value("--registered", 0), Value("--warmup", 0), Value("--silos", 1), Value("--connected", 1_000), args.Contains("--licensed"));
    }
}
