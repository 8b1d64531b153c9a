namespace Carmen.Grains.Licenses;

/// <summary>Every license key the platform made; the newest signs. Kept in the encrypted storage for secrets.</summary>
[GenerateSerializer, Alias("Carmen.LicenseIssuerState")]
public sealed class LicenseIssuerState
{
    [Id(0)]
    public List<LicenseIssuerKey> Keys { get; set; } = [];
}

/// <summary>One license key: its 32-byte private seed and when it was made.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseIssuerKey")]
public sealed record LicenseIssuerKey(
    [property: Id(0)] byte[] PrivateSeed,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] DateTimeOffset CreatedAt);
