using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// Which device a client certificate signs in as, for MQTT over TLS and DDI: a certificate a Carmen CA issued names
/// its device (<see cref="DeviceCertificateIdentity"/>); one of a tenant's imported CA is found by its authority key
/// identifier, and the tenant's CA admits it (checks its chain, and may register its device). Whether the device
/// takes it (revocation, validity) its grain decides afterwards.
/// </summary>
public static class DeviceCertificates
{
    /// <summary>The device the certificate signs in as, with its serial number and fingerprint; null when it names none Carmen knows.</summary>
    public static async Task<CertificateAdmission?> IdentifyAsync(IGrainFactory grains, X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        if (DeviceCertificateIdentity.Read(certificate) is var (device, serialNumber, fingerprint))
        {
            return new CertificateAdmission(device, serialNumber, fingerprint);
        }

        string issuer = certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier is { Length: > 0 } issuerKey
            ? IssuerKeys.OfKeyIdentifier(issuerKey.Span)
            : IssuerKeys.OfName(certificate.IssuerName);
        if (await grains.GetGrain<IIssuerRegistryGrain>(issuer).FindTenantAsync(cancellationToken) is not string tenantId)
        {
            return null;
        }

        // A certificate seen before is known by its record; only a new one costs the CA's chain check.
        string serial = certificate.SerialNumber;
        string sha256 = Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        if (CertificateKeys.IsSerialNumber(serial)
            && await grains.GetGrain<ICertificateGrain>(CertificateKeys.Of(tenantId, serial)).GetAsync(cancellationToken) is { } known
            && string.Equals(known.Sha256Fingerprint, sha256, StringComparison.OrdinalIgnoreCase))
        {
            return new CertificateAdmission(new Devices.DeviceKey(tenantId, known.DeviceId), serial, sha256);
        }

        return await grains.GetGrain<ITenantCaGrain>(tenantId).AdmitAsync(certificate.RawData, cancellationToken);
    }
}
