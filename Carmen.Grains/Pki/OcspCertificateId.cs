using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Carmen.Grains.Pki;

#pragma warning disable CA5350 // RFC 6960 names issuers and responders by SHA-1 hashes: identifiers OCSP clients compute, not signatures

/// <summary>
/// An OCSP CertID (RFC 6960 section 4.1.1): the issuer by the hashes of its name and key, and the certificate's serial
/// number. <see cref="Encoded"/> is the CertID as the client sent it, repeated in the answer.
/// </summary>
internal sealed record OcspCertificateId(byte[] Encoded, string HashAlgorithmOid, byte[] IssuerNameHash, byte[] IssuerKeyHash, string SerialNumber)
{
    private const string Sha1 = "1.3.14.3.2.26";
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";

    public static OcspCertificateId Read(byte[] encoded)
    {
        AsnReader id = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence();
        AsnReader algorithm = id.ReadSequence();
        string oid = algorithm.ReadObjectIdentifier();
        byte[] nameHash = id.ReadOctetString();
        byte[] keyHash = id.ReadOctetString();
        BigInteger serial = id.ReadInteger();
        return new OcspCertificateId(encoded, oid, nameHash, keyHash, Convert.ToHexString(serial.ToByteArray(isUnsigned: false, isBigEndian: true)));
    }

    /// <summary>Whether the CertID names this issuer (by the hash algorithm the client chose: SHA-1, as openssl does, or SHA-256).</summary>
    public bool IsIssuedBy(byte[] issuerName, byte[] issuerPublicKey) => HashAlgorithmOid switch
    {
        Sha1 => SHA1.HashData(issuerName).AsSpan().SequenceEqual(IssuerNameHash) && SHA1.HashData(issuerPublicKey).AsSpan().SequenceEqual(IssuerKeyHash),
        Sha256 => SHA256.HashData(issuerName).AsSpan().SequenceEqual(IssuerNameHash) && SHA256.HashData(issuerPublicKey).AsSpan().SequenceEqual(IssuerKeyHash),
        _ => false,
    };
}
