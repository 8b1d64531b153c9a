using Carmen.Silo.Backup;
using Carmen.Silo.Hosting;

namespace Carmen.Silo.Integrity;

/// <summary>
/// `Carmen.Silo check [--dry-run]`: the integrity check of a stopped node, or of a cluster's database with its silos
/// stopped (<see cref="IntegrityCheck"/>), which repairs what can be rebuilt unless --dry-run. Exit code 0: intact, or intact once repaired; 1: problems stand; 2: usage.
/// </summary>
public static class CheckCommand
{
    public const string Name = "check";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        NodeDirectories node = NodeDirectories.From(args);
        if (node.Storage == StorageKind.Embedded && !node.HoldsStore)
        {
            await output.WriteLineAsync($"{node.Data} holds no store to check.");
            return 2;
        }

        bool repair = !args.Contains("--dry-run");
        IReadOnlyList<IntegrityFinding> findings = await IntegrityCheck.RunAsync(node, repair, CancellationToken.None);
        foreach (IntegrityFinding finding in findings)
        {
            await output.WriteLineAsync($"{finding.Check}: {finding.Text}");
        }

        int standing = findings.Count(finding => finding.Standing);
        int repaired = findings.Count(finding => finding.Repaired);
        await output.WriteLineAsync(standing > 0
            ? $"check: {standing} problem(s) stand{(repaired > 0 ? $", {repaired} repaired" : "")}"
            : $"check: intact{(repaired > 0 ? $" once {repaired} problem(s) were repaired" : "")}");
        return standing > 0 ? 1 : 0;
    }
}
