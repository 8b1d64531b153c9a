using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Pki;

[GenerateSerializer, Alias("Carmen.CertificateState")]
public sealed class CertificateState
{
    [Id(0)] public DeviceCertificate? Certificate { get; set; }
}
