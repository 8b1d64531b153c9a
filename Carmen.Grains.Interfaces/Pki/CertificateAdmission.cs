using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>The device a client certificate signs in as, with the certificate's serial number and SHA-256 fingerprint.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.CertificateAdmission")]
public sealed record CertificateAdmission(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string DeviceId,
    [property: Id(2)] string SerialNumber,
    [property: Id(3)] string Sha256Fingerprint)
{
    /// <summary>An admission of <paramref name="device"/>.</summary>
    public CertificateAdmission(DeviceKey device, string serialNumber, string sha256Fingerprint)
        : this(device.TenantId, device.DeviceId, serialNumber, sha256Fingerprint)
    {
    }

    /// <summary>The device, as its grain is keyed.</summary>
    public DeviceKey Device => new(TenantId, DeviceId);

    /// <summary>The device, serial number and fingerprint, as a sign-in reads them.</summary>
    public void Deconstruct(out DeviceKey device, out string serialNumber, out string sha256Fingerprint) =>
        (device, serialNumber, sha256Fingerprint) = (Device, SerialNumber, Sha256Fingerprint);
}
