using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Carmen.Grains.Pki;

/// <summary>What Carmen's CAs share: their key type, serial numbers, the extensions of a CA certificate, clock skew.</summary>
internal static class CertificateAuthorities
{
    /// <summary>Certificates start this long before they are made, so a device whose clock is a little behind accepts them.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static ECDsa LoadKey(byte[] pkcs8)
    {
        ECDsa key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    /// <summary>A positive serial number of 16 random bytes (RFC 5280 allows 20): unguessable, never reused.</summary>
    public static byte[] NewSerialNumber()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    /// <summary>Extensions of a CA that signs certificates and CRLs, with no CA below it.</summary>
    public static void AddCaExtensions(CertificateRequest request, int pathLength)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, pathLength, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
    }

    /// <summary>A certificate's key as people read it: "ECDSA P-256", "RSA 2048"; null for keys Carmen does not sign.</summary>
    public static string? Describe(PublicKey key) => Name(key) is var name && (name is "ECDSA P-256" or "ECDSA P-384" or "ECDSA P-521" || RsaBits(name) >= 2048) ? name : null;

    /// <summary>Any key as people read it: "ECDSA P-256", "RSA 1024", else its algorithm's name.</summary>
    public static string Name(PublicKey key)
    {
        if (key.GetECDsaPublicKey() is ECDsa ec)
        {
            using (ec)
            {
                return $"ECDSA P-{ec.KeySize}";
            }
        }

        if (key.GetRSAPublicKey() is RSA rsa)
        {
            using (rsa)
            {
                return $"RSA {rsa.KeySize}";
            }
        }

        return key.Oid.FriendlyName ?? key.Oid.Value ?? "unknown";
    }

    /// <summary>An RSA key below 2048 bits, which no Carmen CA signs but a tenant's own PKI may have issued.</summary>
    public static bool IsWeak(string keyAlgorithm) => RsaBits(keyAlgorithm) is > 0 and < 2048;

    private static int RsaBits(string keyAlgorithm) =>
        keyAlgorithm.StartsWith("RSA ", StringComparison.Ordinal) && int.TryParse(keyAlgorithm.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture, out int bits) ? bits : 0;

    /// <summary>The SHA-256 fingerprint as colon-free upper-case hex, as <c>openssl x509 -fingerprint -sha256</c> shows it without colons.</summary>
    public static string Fingerprint(X509Certificate2 certificate) => Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    /// <summary>The PEM of a DER certificate, ending in a newline so that PEMs can be concatenated into a chain.</summary>
    public static string Pem(byte[] der) => PemEncoding.WriteString("CERTIFICATE", der) + "\n";

    /// <summary>Whether the bytes are one DER SEQUENCE and nothing more (a CSR, before it is parsed).</summary>
    public static bool IsDerSequence(byte[] der)
    {
        try
        {
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out _, out _, out int consumed);
            return consumed == der.Length;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
