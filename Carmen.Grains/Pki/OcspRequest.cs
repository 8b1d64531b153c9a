using System.Formats.Asn1;

namespace Carmen.Grains.Pki;

/// <summary>
/// An OCSP request (RFC 6960 section 4.1) as the responder needs it: each certificate asked about (its CertID, kept as
/// sent so the answer repeats it byte for byte) and the nonce, if any. The optional signature is not required.
/// </summary>
internal sealed record OcspRequest(IReadOnlyList<OcspCertificateId> Certificates, byte[]? Nonce)
{
    public const string NonceOid = "1.3.6.1.5.5.7.48.1.2";

    /// <summary>The request, or null when it is not one (the answer is then "malformedRequest").</summary>
    public static OcspRequest? Parse(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            AsnReader request = reader.ReadSequence();
            AsnReader tbs = request.ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                tbs.ReadEncodedValue(); // version: only v1 exists
            }

            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                tbs.ReadEncodedValue(); // requestorName: not used
            }

            var certificates = new List<OcspCertificateId>();
            AsnReader list = tbs.ReadSequence();
            while (list.HasData)
            {
                AsnReader single = list.ReadSequence();
                certificates.Add(OcspCertificateId.Read(single.ReadEncodedValue().ToArray()));
            }

            byte[]? nonce = null;
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
            {
                nonce = FindNonce(tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2)).ReadSequence());
            }

            return certificates.Count > 0 && !reader.HasData ? new OcspRequest(certificates, nonce) : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static byte[]? FindNonce(AsnReader extensions)
    {
        while (extensions.HasData)
        {
            AsnReader extension = extensions.ReadSequence();
            string oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                extension.ReadBoolean();
            }

            byte[] value = extension.ReadOctetString();
            if (oid == NonceOid)
            {
                return value;
            }
        }

        return null;
    }
}
