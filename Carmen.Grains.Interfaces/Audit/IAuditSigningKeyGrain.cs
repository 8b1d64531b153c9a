namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// The platform's Ed25519 key that signs audit checkpoints, kept like the token signing keys (encrypted storage for
/// secrets). Retired public keys are kept for good: old checkpoints are verified with them.
/// </summary>
[Alias("Carmen.IAuditSigningKeyGrain")]
public interface IAuditSigningKeyGrain : IGrainWithIntegerKey
{
    /// <summary>The active key (made on first use): its id and its 32-byte private seed.</summary>
    [Alias("GetSigningKey")]
    Task<AuditSigningKey> GetSigningKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>Every public key that ever signed, the active one first.</summary>
    [Alias("GetPublicKeys")]
    Task<IReadOnlyList<AuditPublicKey>> GetPublicKeysAsync(CancellationToken cancellationToken = default);
}
