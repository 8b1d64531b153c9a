using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Carmen.Testing;

/// <summary>Self-signed certificates made for a test, written as a password-protected PKCS#12 file as Carmen loads them.</summary>
public static class TestCertificates
{
    /// <summary>
    /// Writes the certificate (naming localhost and 127.0.0.1, so a client checking the name accepts it on loopback)
    /// with its key to <paramref name="path"/>, and its public part as PEM to <paramref name="certificatePemPath"/> when
    /// given, for clients to trust.
    /// </summary>
    public static void WritePfx(string path, string subject, string password, DateTimeOffset notBefore, DateTimeOffset notAfter, string? certificatePemPath = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        if (certificatePemPath is not null)
        {
            File.WriteAllText(certificatePemPath, certificate.ExportCertificatePem());
        }
    }
}
