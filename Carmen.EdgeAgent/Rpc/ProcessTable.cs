using System.Globalization;

namespace Carmen.EdgeAgent.Rpc;

/// <summary>The processes using the most memory, from /proc/[pid]/status.</summary>
public static class ProcessTable
{
    public static IReadOnlyList<(int Pid, string Name, long RssBytes)> Top(string procRoot, int count)
    {
        var processes = new List<(int, string, long)>();
        foreach (string directory in Directory.EnumerateDirectories(Path.Combine(procRoot, "proc")))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                string name = "", rss = "0";
                foreach (string line in File.ReadLines(Path.Combine(directory, "status")))
                {
                    if (line.StartsWith("Name:", StringComparison.Ordinal))
                    {
                        name = line[5..].Trim();
                    }
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        rss = line[6..].Trim().Split(' ')[0];
                    }
                }

                processes.Add((pid, name, long.Parse(rss, CultureInfo.InvariantCulture) * 1024));
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while being read, or is not ours to read.
            }
        }

        return [.. processes.OrderByDescending(process => process.Item3).Take(count)];
    }
}
