using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Pki;

/// <summary>
/// The platform root CA. Its key is made on first use and kept in the encrypted store (like the token signing keys);
/// it signs only the tenants' device CAs, each limited to issuing end-entity certificates (path length 0).
/// </summary>
[GrainType("platform-ca")]
public sealed class PlatformCaGrain(
    [PersistentState("platform-ca", StorageNames.Secrets)] IPersistentState<PlatformCaState> root,
    TimeProvider time) : Grain, IPlatformCaGrain
{
    private static readonly TimeSpan s_rootLifetime = TimeSpan.FromDays(20 * 365);

    public async Task<byte[]> GetRootAsync(CancellationToken cancellationToken)
    {
        await EnsureRootAsync(cancellationToken);
        return root.State.Certificate!;
    }

    public async Task<byte[]> SignTenantCaAsync(string tenantId, byte[] certificationRequest, DateTimeOffset notAfter, CancellationToken cancellationToken)
    {
        await EnsureRootAsync(cancellationToken);
        CertificateRequest asked = CertificateRequest.LoadSigningRequest(certificationRequest, HashAlgorithmName.SHA256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName($"Carmen device CA of {tenantId}");
        name.AddOrganizationName(tenantId);
        var request = new CertificateRequest(name.Build(), asked.PublicKey, HashAlgorithmName.SHA256);
        CertificateAuthorities.AddCaExtensions(request, pathLength: 0);

        using X509Certificate2 issuer = X509CertificateLoader.LoadCertificate(root.State.Certificate!);
        using ECDsa key = CertificateAuthorities.LoadKey(root.State.PrivateKey!);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset until = notAfter < issuer.NotAfter ? notAfter : new DateTimeOffset(issuer.NotAfter.ToUniversalTime());
        using X509Certificate2 signed = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now - CertificateAuthorities.ClockSkew, until, CertificateAuthorities.NewSerialNumber());
        return signed.RawData;
    }

    private async Task EnsureRootAsync(CancellationToken cancellationToken)
    {
        if (root.State.Certificate is not null)
        {
            return;
        }

        using ECDsa key = CertificateAuthorities.NewKey();
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("Carmen device root CA");
        name.AddOrganizationName("Carmen");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        CertificateAuthorities.AddCaExtensions(request, pathLength: 1);
        DateTimeOffset now = time.GetUtcNow();
        using X509Certificate2 certificate = request.CreateSelfSigned(now - CertificateAuthorities.ClockSkew, now + s_rootLifetime);
        root.State.PrivateKey = key.ExportPkcs8PrivateKey();
        root.State.Certificate = certificate.RawData;
        await root.WriteStateAsync(cancellationToken);
    }
}
