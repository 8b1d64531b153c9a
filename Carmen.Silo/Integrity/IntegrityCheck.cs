using Carmen.Grains.Interfaces.Audit;
using Carmen.Silo.Backup;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Integrity;

/// <summary>
/// The integrity of a stopped node (after a restore, or a crash): schema versions, the device index against device
/// state and each tenant's devices in service, the audit chains, and the artifacts the catalogs reference. What can be
/// rebuilt from state (index rows) is repaired unless told not to; the rest is reported.
/// </summary>
public static class IntegrityCheck
{
    public static async Task<IReadOnlyList<IntegrityFinding>> RunAsync(NodeDirectories node, bool repair, CancellationToken cancellationToken)
    {
        var findings = new List<IntegrityFinding>(SchemaVersionCheck.Run(node.Data));
        if (findings.Any(finding => finding.Problem))
        {
            return findings; // a store that is missing or too new is not read further
        }

        using (var states = new StoredGrainStates(Path.Combine(node.Data, SqliteDatabase.FileName)))
        {
            using var logging = LoggerFactory.Create(_ => { });
            await using (var database = new SqliteDatabase(node.Data, Options.Create(new SqliteOptions()), logging.CreateLogger<SqliteDatabase>()))
            {
                findings.AddRange(await DeviceIndexCheck.RunAsync(database, states, repair, cancellationToken));
            }

            findings.AddRange(ArtifactReferenceCheck.Run(states, node.Artifacts));
        }

        IReadOnlyList<(string Chain, AuditVerification Verified)> chains = await StoredAuditChains.VerifyAsync(node.Data, cancellationToken);
        findings.AddRange(chains.Where(chain => !chain.Verified.Intact).Select(chain =>
            new IntegrityFinding("audit", $"chain {chain.Chain}: broken at record {chain.Verified.FirstBrokenRecordId}: {chain.Verified.Problem}", Problem: true)));
        findings.Add(new IntegrityFinding("audit", $"{chains.Count} chains, {chains.Count(chain => chain.Verified.Intact)} intact ({chains.Sum(chain => chain.Verified.Records)} records)"));
        return findings;
    }
}
