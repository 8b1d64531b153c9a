using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Silo.Backup;
using Carmen.Silo.Storage.Postgres;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Carmen.Silo.Integrity;

/// <summary>Verifies audit chains with the chain verifier (hashes and signed checkpoints): a stopped node's audit.db, or any audit store.</summary>
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
        return await VerifyAsync(new SqliteAuditStore(audit), Chains(audit.Path), cancellationToken);
    }

    /// <summary>Verifies every audit chain in a cluster's database.</summary>
    public static async Task<IReadOnlyList<(string Chain, AuditVerification Verified)>> VerifyAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var chains = new List<string>();
        await using (NpgsqlCommand listed = database.CreateCommand("SELECT DISTINCT chain COLLATE \"C\" FROM audit_records ORDER BY 1"))
        await using (NpgsqlDataReader reader = await listed.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                chains.Add(reader.GetString(0));
            }
        }

        return await VerifyAsync(new PostgresAuditStore(database), chains, cancellationToken);
    }

    /// <summary>Verifies the named chains of any audit store (the embedded one, or a cluster's database).</summary>
    public static async Task<IReadOnlyList<(string Chain, AuditVerification Verified)>> VerifyAsync(IAuditStore store, IEnumerable<string> chains, CancellationToken cancellationToken)
    {
        IReadOnlyList<AuditPublicKey> keys = await store.ReadPublicKeysAsync(cancellationToken);
        var verified = new List<(string, AuditVerification)>();
        foreach (string chain in chains)
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
