using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Carmen.Testing;

/// <summary>Self-signed certificates made for a test, written as a password-protected PKCS#12 file as Carmen loads them.</summary>
public static class TestCertificates
{
    public static void WritePfx(string path, string subject, string password, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }
}
