namespace Carmen.Grains.Pki;

/// <summary>The platform root: its private key (PKCS#8) and self-signed certificate (DER). Kept in the encrypted store.</summary>
[GenerateSerializer, Alias("Carmen.PlatformCaState")]
public sealed class PlatformCaState
{
    [Id(0)] public byte[]? PrivateKey { get; set; }

    [Id(1)] public byte[]? Certificate { get; set; }
}
