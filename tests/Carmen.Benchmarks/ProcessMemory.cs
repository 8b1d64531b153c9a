using System.Globalization;

namespace Carmen.Benchmarks;

/// <summary>Memory figures: another process's resident memory from /proc (Linux), or this process's live heap and RSS.</summary>
internal static class ProcessMemory
{
    /// <summary>This process's GC heap after a full compacting collection, and its working set.</summary>
    public static (long Heap, long Rss) OfThisProcess()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return (heap, process.WorkingSet64);
    }

    public static long ResidentBytes(int processId)
    {
        foreach (string line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {processId}.");
    }
}
