using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Pki;

#pragma warning disable CA5350 // RFC 6960 names issuers and responders by SHA-1 hashes: identifiers OCSP clients compute, not signatures

/// <summary>
/// Writes OCSP responses (RFC 6960 section 4.2): a basic response signed by the tenant's CA itself, one status per
/// certificate asked, the request's nonce repeated. There is no nextUpdate: the status is read live from the
/// certificates' records, so newer information is always available (section 2.4) and a revocation shows at once.
/// </summary>
internal static class OcspResponses
{
    private const string BasicResponseOid = "1.3.6.1.5.5.7.48.1.1";
    private const string EcdsaWithSha256Oid = "1.2.840.10045.4.3.2";

    /// <summary>What one certificate's status is: null when the CA never issued it ("unknown").</summary>
    public sealed record Status(OcspCertificateId Id, DeviceCertificate? Certificate);

    /// <summary>A response with a status and no body, such as malformedRequest.</summary>
    public static byte[] Unsuccessful(OcspResponseStatus status)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEnumeratedValue(status);
        }

        return writer.Encode();
    }

    public static byte[] Successful(IEnumerable<Status> statuses, byte[]? nonce, X509Certificate2 issuer, ECDsa key, DateTimeOffset now)
    {
        byte[] tbs = ResponseData(statuses, nonce, issuer, now);
        byte[] signature = key.SignData(tbs, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbs);
            using (basic.PushSequence())
            {
                basic.WriteObjectIdentifier(EcdsaWithSha256Oid);
            }

            basic.WriteBitString(signature);
            using (basic.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (basic.PushSequence())
            {
                basic.WriteEncodedValue(issuer.RawData); // the signer, so a client that knows only the root can verify
            }
        }

        var response = new AsnWriter(AsnEncodingRules.DER);
        using (response.PushSequence())
        {
            response.WriteEnumeratedValue(OcspResponseStatus.Successful);
            using (response.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (response.PushSequence())
            {
                response.WriteObjectIdentifier(BasicResponseOid);
                response.WriteOctetString(basic.Encode());
            }
        }

        return response.Encode();
    }

    /// <summary>The hash of the issuer's public key, as CertIDs and byKey responder ids use it: the subjectPublicKey bits.</summary>
    public static byte[] PublicKeyBits(X509Certificate2 issuer) => issuer.PublicKey.EncodedKeyValue.RawData;

    private static byte[] ResponseData(IEnumerable<Status> statuses, byte[]? nonce, X509Certificate2 issuer, DateTimeOffset now)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
            {
                writer.WriteOctetString(SHA1.HashData(PublicKeyBits(issuer))); // responderID byKey (SHA-1 by definition)
            }

            writer.WriteGeneralizedTime(now, omitFractionalSeconds: true);
            using (writer.PushSequence())
            {
                foreach (Status status in statuses)
                {
                    WriteSingle(writer, status, now);
                }
            }

            if (nonce is not null)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                using (writer.PushSequence())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(OcspRequest.NonceOid);
                    writer.WriteOctetString(nonce);
                }
            }
        }

        return writer.Encode();
    }

    private static void WriteSingle(AsnWriter writer, Status status, DateTimeOffset now)
    {
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(status.Id.Encoded);
            switch (status.Certificate)
            {
                case null:
                    writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2)); // unknown
                    break;
                case { RevokedAt: DateTimeOffset revokedAt } revoked:
                    using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                    {
                        writer.WriteGeneralizedTime(revokedAt, omitFractionalSeconds: true);
                        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                        {
                            writer.WriteEnumeratedValue((X509RevocationReason)(revoked.RevocationReason ?? CertificateRevocationReason.Unspecified));
                        }
                    }

                    break;
                default:
                    writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0)); // good
                    break;
            }

            writer.WriteGeneralizedTime(now, omitFractionalSeconds: true); // thisUpdate
        }
    }
}
