using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace Carmen.Grains.Licenses;

/// <summary>The platform's license key, made on first use and kept encrypted at rest; it never leaves this grain.</summary>
[GrainType("license-issuer")]
public sealed partial class LicenseIssuerGrain(
    [PersistentState("license-issuer", StorageNames.Secrets)] IPersistentState<LicenseIssuerState> issuer,
    IOptions<LicenseOptions> options,
    TimeProvider time,
    ILogger<LicenseIssuerGrain> logger) : Grain, ILicenseIssuerGrain
{
    public async Task<SignedLicense> SignAsync(LicenseTerms terms, CancellationToken cancellationToken)
    {
        LicenseTerms valid = LicenseRules.Validate(terms with { IssuedAt = time.GetUtcNow(), Issuer = options.Value.IssuerName });
        LicenseIssuerKey active = await ActiveKeyAsync(cancellationToken);
        using Key key = Key.Import(SignatureAlgorithm.Ed25519, active.PrivateSeed, KeyBlobFormat.RawPrivateKey);
        return LicenseDocuments.Sign(key, valid);
    }

    public Task<IReadOnlyList<LicenseSigningKey>> GetKeysAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LicenseSigningKey>>(
            [.. issuer.State.Keys.AsEnumerable().Reverse().Select(key => new LicenseSigningKey(LicenseDocuments.KeyId(key.PublicKey), key.PublicKey, key.CreatedAt))]);

    private async Task<LicenseIssuerKey> ActiveKeyAsync(CancellationToken cancellationToken)
    {
        if (issuer.State.Keys.Count == 0)
        {
            using Key key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            var created = new LicenseIssuerKey(key.Export(KeyBlobFormat.RawPrivateKey), key.PublicKey.Export(KeyBlobFormat.RawPublicKey), time.GetUtcNow());
            issuer.State.Keys.Add(created);
            await issuer.WriteStateAsync(cancellationToken);
            LogCreated(LicenseDocuments.KeyId(created.PublicKey));
        }

        return issuer.State.Keys[^1];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "License key {KeyId} created; licenses this platform issues are signed with it")]
    private partial void LogCreated(string keyId);
}
