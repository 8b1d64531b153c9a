using Carmen.Silo.Storage.Postgres;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Carmen.Silo.Secrets;

/// <summary>
/// Readies the key ring before anything uses it: a single node encrypts key files written before encryption existed;
/// a cluster makes its first key under a database lock, so silos starting together agree on one key instead of each
/// making its own (which a silo that cached the ring without it could not decrypt).
/// </summary>
internal sealed partial class KeyRingBootstrapper(
    IServiceProvider services,
    KeyEncryptionKey kek,
    KeyRingLocation location,
    IKeyManager keys,
    IOptions<KeyManagementOptions> keyOptions,
    TimeProvider time,
    ILogger<KeyRingBootstrapper> logger) : IHostedService
{
    private const long FirstKeyLock = 0x0CA4_3E12;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (location.Directory is string directory)
        {
            int encrypted = PlaintextKeyFiles.EncryptInPlace(directory, new AesGcmXmlEncryptor(kek));
            if (encrypted > 0)
            {
                LogEncryptedLegacyKeys(encrypted, directory);
            }
        }
        else
        {
            await MakeFirstKeyAsync(services.GetRequiredService<NpgsqlDataSource>(), cancellationToken);
        }

        LogKeyRing(location.Directory ?? "the database", kek.Source);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MakeFirstKeyAsync(NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using PostgresAdvisoryLock turn = await PostgresAdvisoryLock.TakeAsync(connection, FirstKeyLock, cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        if (!keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now))
        {
            IKey key = keys.CreateNewKey(now, now + keyOptions.Value.NewKeyLifetime);
            LogFirstKey(key.KeyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data-protection key ring in {Where} is encrypted with the key encryption key from {Source}")]
    private partial void LogKeyRing(string where, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Encrypted {Count} data-protection key file(s) in {Directory} that were stored in the clear")]
    private partial void LogEncryptedLegacyKeys(int count, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Made the cluster's first data-protection key {KeyId}")]
    private partial void LogFirstKey(Guid keyId);
}
