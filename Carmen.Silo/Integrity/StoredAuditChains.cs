using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Silo.Backup;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Integrity;

/// <summary>Verifies every audit chain of a stopped node's audit.db with the chain verifier (hashes and signed checkpoints).</summary>
public static class StoredAuditChains
{
    public static async Task<IReadOnlyList<(string Chain, AuditVerification Verified)>> VerifyAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(dataDirectory, SqliteAuditStore.FileName)))
        {
            return [];
        }

        using var logging = LoggerFactory.Create(_ => { });
        await using var audit = new SqliteDatabase(dataDirectory, SqliteAuditStore.FileName, SqliteSchema.AuditMigrations, Options.Create(new SqliteOptions()), logging.CreateLogger<SqliteDatabase>());
        var store = new SqliteAuditStore(audit);
        IReadOnlyList<AuditPublicKey> keys = await store.ReadPublicKeysAsync(cancellationToken);
        var verified = new List<(string, AuditVerification)>();
        foreach (string chain in Chains(audit.Path))
        {
            var verifier = new AuditChainVerifier(chain, await store.ReadCheckpointsAsync(chain, cancellationToken), keys);
            await AuditTrailGrain.VerifyStoredAsync(store, chain, verifier, cancellationToken);
            verified.Add((chain, verifier.Finish()));
        }

        return verified;
    }

    private static List<string> Chains(string path)
    {
        using SqliteConnection connection = StateSummary.OpenReadOnly(path);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT chain FROM audit_records ORDER BY chain";
        using SqliteDataReader reader = command.ExecuteReader();
        var chains = new List<string>();
        while (reader.Read())
        {
            chains.Add(reader.GetString(0));
        }

        return chains;
    }
}
