using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// Keys of <see cref="IIssuerRegistryGrain"/>: an imported CA is found by the key identifier its certificates name
/// (their authority key identifier), or, for certificates that name none, by its subject name.
/// </summary>
public static class IssuerKeys
{
    /// <summary>"key:" and the identifier in hex.</summary>
    public static string OfKeyIdentifier(ReadOnlySpan<byte> keyIdentifier) => "key:" + Convert.ToHexString(keyIdentifier);

    /// <summary>"name:" and the SHA-256 of the name's DER, in hex.</summary>
    public static string OfName(X500DistinguishedName name) => "name:" + Convert.ToHexString(SHA256.HashData(name.RawData));
}
