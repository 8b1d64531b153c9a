using Carmen.Grains.Interfaces.Audit;
using Carmen.Silo.Backup;
using Carmen.Silo.Hosting;
using Carmen.Silo.Storage.Postgres;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Carmen.Silo.Integrity;

/// <summary>
/// The integrity of a stopped node or cluster (after a restore, or a crash): schema versions, the device index against
/// device state and each tenant's devices in service, the artifacts the catalogs reference, and the audit chains. What
/// can be rebuilt from state (index rows) is repaired unless told not to; the rest is reported.
/// </summary>
public static class IntegrityCheck
{
    public static Task<IReadOnlyList<IntegrityFinding>> RunAsync(NodeDirectories node, bool repair, CancellationToken cancellationToken) =>
        node.Storage == StorageKind.Postgres ? RunPostgresAsync(node, repair, cancellationToken) : RunEmbeddedAsync(node, repair, cancellationToken);

    private static async Task<IReadOnlyList<IntegrityFinding>> RunEmbeddedAsync(NodeDirectories node, bool repair, CancellationToken cancellationToken)
    {
        var findings = new List<IntegrityFinding>(SchemaVersionCheck.Run(node.Data));
        if (findings.Any(finding => finding.Problem))
        {
            return findings; // a store that is missing or too new is not read further
        }

        using (var states = StoredGrainStates.Embedded(Path.Combine(node.Data, SqliteDatabase.FileName)))
        {
            using var logging = LoggerFactory.Create(_ => { });
            await using (var database = new SqliteDatabase(node.Data, Options.Create(new SqliteOptions()), logging.CreateLogger<SqliteDatabase>()))
            {
                findings.AddRange(await DeviceIndexCheck.RunAsync(states, () => StateSummary.OpenReadOnly(database.Path), new SqliteDeviceIndex(database), repair, cancellationToken));
            }

            findings.AddRange(ArtifactReferenceCheck.Run(states, node.Artifacts));
        }

        findings.AddRange(Audit(await StoredAuditChains.VerifyAsync(node.Data, cancellationToken)));
        return findings;
    }

    private static async Task<IReadOnlyList<IntegrityFinding>> RunPostgresAsync(NodeDirectories node, bool repair, CancellationToken cancellationToken)
    {
        string connectionString = node.ConnectionString ?? throw new InvalidOperationException("Carmen:Storage=Postgres needs ConnectionStrings:Carmen.");
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(connectionString);
        var findings = new List<IntegrityFinding>();
        await using (NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken))
        {
            findings.Add(await SchemaVersionCheck.RunAsync(connection, cancellationToken));
        }

        if (findings.Any(finding => finding.Problem))
        {
            return findings;
        }

        using (var states = StoredGrainStates.Postgres(connectionString))
        {
            findings.AddRange(await DeviceIndexCheck.RunAsync(states, () => database.OpenConnection(), new PostgresDeviceIndex(database), repair, cancellationToken));
            findings.AddRange(ArtifactReferenceCheck.Run(states, node.Artifacts));
        }

        findings.AddRange(Audit(await StoredAuditChains.VerifyAsync(database, cancellationToken)));
        return findings;
    }

    private static IEnumerable<IntegrityFinding> Audit(IReadOnlyList<(string Chain, AuditVerification Verified)> chains) =>
    [
        .. chains.Where(chain => !chain.Verified.Intact).Select(chain =>
            new IntegrityFinding("audit", $"chain {chain.Chain}: broken at record {chain.Verified.FirstBrokenRecordId}: {chain.Verified.Problem}", Problem: true)),
        new IntegrityFinding("audit", $"{chains.Count} chains, {chains.Count(chain => chain.Verified.Intact)} intact ({chains.Sum(chain => chain.Verified.Records)} records)"),
    ];
}
