using System.Globalization;

namespace Carmen.Benchmarks;

internal sealed record BenchmarkOptions(string Command, int Devices, int Batch, int Parallel)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string command = args.FirstOrDefault() ?? "";
        int Value(string name, int fallback)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchmarkOptions(command, Value("--devices", command == "search" ? 1_000_000 : 100_000), Value("--batch", 500), Value("--parallel", 4));
    }
}
