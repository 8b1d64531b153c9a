using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Silo.Storage.Postgres;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Carmen.Silo.Hosting;

/// <summary>
/// `Carmen.Silo audit verify --tenant T` (or `--platform`): walks a chain straight from the store, with the node stopped
/// or running, and trusts the public keys kept beside the records, or only the one whose fingerprint is given with
/// `--fingerprint` (as published by GET /api/v1/audit/keys). Exit code 0: intact; 1: broken; 2: usage.
/// </summary>
public static class AuditCommand
{
    public const string Name = "audit";

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        string? tenant = CommandLine.Option(args, "--tenant") ?? (args.Contains("--platform") ? AuditChains.Platform : null);
        if (args.FirstOrDefault() != "verify" || tenant is null)
        {
            await output.WriteLineAsync("usage: audit verify (--tenant <tenant> | --platform) [--fingerprint <sha256 hex>] [--Carmen:DataDirectory=<dir>]");
            return 2;
        }

        WebApplicationBuilder builder = WebApplication.CreateBuilder([.. args.Where(arg => arg.StartsWith("--Carmen", StringComparison.Ordinal) || arg.StartsWith("--ConnectionStrings", StringComparison.Ordinal))]);
        CarmenOptions carmen = builder.Configuration.GetSection(CarmenOptions.SectionName).Get<CarmenOptions>() ?? new();
        await using StoreLease lease = Open(builder, carmen);
        IReadOnlyList<AuditPublicKey> keys = await lease.Store.ReadPublicKeysAsync(CancellationToken.None);
        if (CommandLine.Option(args, "--fingerprint") is string pinned)
        {
            keys = [.. keys.Where(key => string.Equals(key.Fingerprint, pinned, StringComparison.OrdinalIgnoreCase))];
        }

        var verifier = new AuditChainVerifier(tenant, await lease.Store.ReadCheckpointsAsync(tenant, CancellationToken.None), keys);
        await AuditTrailGrain.VerifyStoredAsync(lease.Store, tenant, verifier, CancellationToken.None);
        AuditVerification result = verifier.Finish();
        if (!result.Intact)
        {
            await output.WriteLineAsync($"{tenant}: broken at record {result.FirstBrokenRecordId}: {result.Problem}");
            return 1;
        }

        await output.WriteLineAsync(
            $"{tenant}: {result.Records} records, intact (records {result.FirstRecordId} to {result.LastRecordId}, {result.Checkpoints} signed checkpoints, " +
            $"{result.UnsignedTail} latest not yet signed; keys {string.Join(", ", keys.Select(key => key.Fingerprint))})");
        return 0;
    }

    private static StoreLease Open(WebApplicationBuilder builder, CarmenOptions carmen)
    {
        if (carmen.Storage == StorageKind.Postgres)
        {
            NpgsqlDataSource postgres = NpgsqlDataSource.Create(builder.Configuration.GetConnectionString(PostgresOptions.ConnectionStringName)
                ?? throw new InvalidOperationException("Carmen:Storage=Postgres needs ConnectionStrings:Carmen."));
            return new StoreLease(new PostgresAuditStore(postgres), postgres);
        }

        string file = Path.Combine(carmen.DataDirectory, SqliteAuditStore.FileName);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"No audit trail at {Path.GetFullPath(file)}; give the node's Carmen:DataDirectory.", file);
        }

        using var logging = LoggerFactory.Create(_ => { });
        var database = new SqliteDatabase(carmen.DataDirectory, SqliteAuditStore.FileName, SqliteSchema.AuditMigrations,
            Options.Create(new SqliteOptions()), logging.CreateLogger<SqliteDatabase>());
        return new StoreLease(new SqliteAuditStore(database), database);
    }

    private sealed record StoreLease(IAuditStore Store, IAsyncDisposable Resource) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Resource.DisposeAsync();
    }
}
