using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace Carmen.Grains.Audit;

/// <summary>The checkpoint signing key, in the encrypted storage for secrets like the token signing keys.</summary>
[GrainType("audit-signing-key")]
public sealed partial class AuditSigningKeyGrain(
    [PersistentState("audit-signing-key", StorageNames.Secrets)] IPersistentState<AuditSigningKeyState> keys,
    TimeProvider time,
    ILogger<AuditSigningKeyGrain> logger) : Grain, IAuditSigningKeyGrain
{
    public async Task<AuditSigningKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        if (keys.State.Keys.Count == 0)
        {
            using Key key = AuditSignatures.CreateKey();
            var created = new AuditSigningKey(
                Guid.CreateVersion7().ToString("N"),
                key.Export(KeyBlobFormat.RawPrivateKey),
                new AuditPublicKey("", key.PublicKey.Export(KeyBlobFormat.RawPublicKey), time.GetUtcNow()));
            created = created with { PublicKey = created.PublicKey with { KeyId = created.KeyId } };
            keys.State.Keys.Add(created);
            await keys.WriteStateAsync(cancellationToken);
            LogCreated(created.KeyId, created.PublicKey.Fingerprint);
        }

        return keys.State.Keys[^1];
    }

    public Task<IReadOnlyList<AuditPublicKey>> GetPublicKeysAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditPublicKey>>([.. keys.State.Keys.Select(key => key.PublicKey).Reverse()]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit checkpoint key {KeyId} created; its public key's SHA-256 fingerprint is {Fingerprint}")]
    private partial void LogCreated(string keyId, string fingerprint);
}
