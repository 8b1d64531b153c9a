using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// Reads the device a client certificate names, for sign-in with a certificate a tenant's CA issued (MQTT over TLS,
/// DDI): the device is in its subject alternative name (<c>urn:carmen:device:{tenant}:{device}</c>); whether the
/// certificate is really that device's, current and unrevoked, the device's grain decides from its serial number and
/// fingerprint (<see cref="Connectivity.IConnectedDeviceGrain.AuthorizeCertificateAsync"/>).
/// </summary>
public static class DeviceCertificateIdentity
{
    private const string SubjectAlternativeName = "2.5.29.17";

    private static readonly Asn1Tag s_uniformResourceIdentifier = new(TagClass.ContextSpecific, 6);

    /// <summary>The device, serial number and SHA-256 fingerprint; null for a certificate that names no device (someone else's PKI).</summary>
    public static (DeviceKey Device, string SerialNumber, string Sha256Fingerprint)? Read(X509Certificate2 certificate)
    {
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == SubjectAlternativeName && Uris(extension.RawData).Select(DeviceCertificateNames.Parse).FirstOrDefault(key => key is not null) is DeviceKey device)
            {
                return (device, certificate.SerialNumber, Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256)));
            }
        }

        return null;
    }

    /// <summary>The URIs among the GeneralNames of a SAN extension (RFC 5280 section 4.2.1.6); a malformed extension has none.</summary>
    private static List<string> Uris(byte[] extension)
    {
        var uris = new List<string>();
        try
        {
            AsnReader names = new AsnReader(extension, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                if (names.PeekTag() == s_uniformResourceIdentifier)
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, s_uniformResourceIdentifier));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            return [];
        }

        return uris;
    }
}
