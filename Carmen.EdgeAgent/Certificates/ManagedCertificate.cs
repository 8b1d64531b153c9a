using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Carmen.EdgeAgent.Configuration;

namespace Carmen.EdgeAgent.Certificates;

/// <summary>
/// The key and certificate the agent made for itself: <c>{stateDirectory}/pki/device.key</c> (PKCS#8 PEM, mode 0600
/// from its creation, never sent anywhere) and <c>device.pem</c> (the certificate, then its chain). Both are written
/// beside the old ones and renamed over them, so a crash never leaves a key without its certificate.
/// </summary>
public sealed class ManagedCertificate(AgentOptions options)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string KeyFile => Path.Combine(options.StateDirectory, "pki", "device.key");

    public string CertificateFile => Path.Combine(options.StateDirectory, "pki", "device.pem");

    public bool Exists => File.Exists(KeyFile) && File.Exists(CertificateFile);

    /// <summary>The certificate and key files the MQTT connection signs in with: those configured, else the agent's own, else none.</summary>
    public static (string Certificate, string Key)? SignInFiles(AgentOptions options)
    {
        if (options.ClientCertificate is string certificate && options.ClientKey is string key)
        {
            return (certificate, key);
        }

        var managed = new ManagedCertificate(options);
        return options.Certificates.Enrolls && managed.Exists ? (managed.CertificateFile, managed.KeyFile) : null;
    }

    /// <summary>The current certificate's serial number and validity, or null when the agent holds none.</summary>
    public (string SerialNumber, DateTimeOffset NotBefore, DateTimeOffset NotAfter)? Read()
    {
        if (!Exists)
        {
            return null;
        }

        using X509Certificate2 certificate = X509Certificate2.CreateFromPem(File.ReadAllText(CertificateFile)); // the first certificate: the device's own
        return (certificate.SerialNumber, new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    /// <summary>Keeps a new key with the certificate Carmen issued for it (and the chain above it), replacing the old pair.</summary>
    public void Save(ECDsa key, string certificatePem, string? chainPem)
    {
        using (X509Certificate2 issued = X509Certificate2.CreateFromPem(certificatePem))
        {
            // Carmen signs the CSR's key; a certificate for any other key would leave the agent unable to sign in.
            using ECDsa? certified = issued.GetECDsaPublicKey();
            if (certified is null || !certified.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                throw new InvalidOperationException("The certificate Carmen sent is not for the key the agent made.");
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        string newKey = KeyFile + ".new";
        string newCertificate = CertificateFile + ".new";
        File.Delete(newKey);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = OwnerOnly; // from the first byte: no moment in which another user may read the key
        }

        using (var file = new FileStream(newKey, create))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(newCertificate, certificatePem.TrimEnd() + "\n" + (chainPem ?? ""));
        File.Move(newKey, KeyFile, overwrite: true);
        File.Move(newCertificate, CertificateFile, overwrite: true);
    }

    /// <summary>When a certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> is due for renewal.</summary>
    public static DateTimeOffset RenewalDue(DateTimeOffset notBefore, DateTimeOffset notAfter, int remainingPercent) =>
        notAfter - (notAfter - notBefore) * remainingPercent / 100;
}
