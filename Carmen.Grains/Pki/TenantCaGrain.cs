using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Pki;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Pki;

/// <summary>
/// A tenant's device CA (managed mode): an ECDSA P-256 key made here, kept in the encrypted store, certified by the
/// platform root. It signs device certificates from their CSRs, naming the device in the subject (CN = device id,
/// O = tenant id) and in a URI SAN, so that one certificate names exactly one device of one tenant, and it keeps and
/// signs the tenant's revocation list.
/// </summary>
[GrainType("tenant-ca")]
public sealed partial class TenantCaGrain(
    [PersistentState("tenant-ca", StorageNames.Secrets)] IPersistentState<TenantCaState> ca,
    TimeProvider time,
    ILogger<TenantCaGrain> logger) : Grain, ITenantCaGrain
{
    private const string ManagedMode = "managed";
    private const string ImportedMode = "imported";

    /// <summary>Certificates one OCSP request may ask about (clients ask about one; the limit keeps a request from fanning out without end).</summary>
    private const int MaxOcspCertificates = 100;

    /// <summary>A CRL is valid this long; relying parties fetch the next one by then.</summary>
    private static readonly TimeSpan s_crlLifetime = TimeSpan.FromDays(1);

    private static readonly TimeSpan s_caLifetime = TimeSpan.FromDays(10 * 365);

    private static readonly Oid s_clientAuthentication = new("1.3.6.1.5.5.7.3.2", "TLS Web Client Authentication");

    /// <summary>Revocations asked for while the list is being written: the next write takes them all (one signature, one save).</summary>
    private readonly Dictionary<string, RevokedCertificate> _pendingRevocations = [];

    private long _changes;
    private long _saved;
    private Task? _saving;

    private X509Certificate2? _issuer;
    private CaInfo? _described;
    private ECDsa? _key;

    private string TenantId => this.GetPrimaryKeyString();

    /// <summary>The CA's certificate and key, read from state once per activation rather than on every signature.</summary>
    private X509Certificate2 Issuer => _issuer ??= X509CertificateLoader.LoadCertificate(ca.State.Certificate!);

    private ECDsa Key => _key ??= CertificateAuthorities.LoadKey(ca.State.PrivateKey!);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _issuer?.Dispose();
        _key?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<CaInfo> CreateAsync(CaSettings settings, CancellationToken cancellationToken)
    {
        if (ca.State.Certificate is not null)
        {
            throw CarmenException.Conflict($"Tenant '{TenantId}' has a device CA already.");
        }

        await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).RequireFeatureAsync(LicenseFeatures.Pki, cancellationToken);
        RequireLifetime(settings.CertificateLifetimeDays);
        using ECDsa key = CertificateAuthorities.NewKey();
        var request = new CertificateRequest($"CN={TenantId}", key, HashAlgorithmName.SHA256);
        byte[] signed = await GrainFactory.GetGrain<IPlatformCaGrain>(IPlatformCaGrain.Key)
            .SignTenantCaAsync(TenantId, request.CreateSigningRequest(), time.GetUtcNow() + s_caLifetime, cancellationToken);
        ca.State.PrivateKey = key.ExportPkcs8PrivateKey();
        ca.State.Certificate = signed;
        ca.State.CertificateLifetimeDays = settings.CertificateLifetimeDays;
        ca.State.PublicUrl = settings.PublicUrl?.TrimEnd('/');
        ca.State.Mode = ManagedMode;
        SignCrl();
        await ca.WriteStateAsync(cancellationToken);
        LogCreated(TenantId);
        return await DescribeAsync(cancellationToken);
    }

    public async Task<CaInfo?> GetAsync(CancellationToken cancellationToken) =>
        ca.State.Certificate is null ? null : await DescribeAsync(cancellationToken);

    public async Task<DeviceCertificate> IssueAsync(string deviceId, byte[] certificationRequest, CancellationToken cancellationToken)
    {
        RequireCa();
        RequireKey("issues no certificates: devices get theirs from the tenant's own PKI");
        CertificateRequest asked = ReadRequest(certificationRequest);
        string keyAlgorithm = CertificateAuthorities.Describe(asked.PublicKey)
            ?? throw CarmenException.Invalid("csr", "The CSR's key is not one Carmen signs: ECDSA on P-256, P-384 or P-521, or RSA of 2048 bits or more.");

        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(deviceId);
        name.AddOrganizationName(TenantId);
        var request = new CertificateRequest(name.Build(), asked.PublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        X509KeyUsageFlags usage = keyAlgorithm.StartsWith("RSA", StringComparison.Ordinal)
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([s_clientAuthentication], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(DeviceCertificateNames.Uri(TenantId, deviceId));
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (ca.State.PublicUrl is string url)
        {
            // Where relying parties outside Carmen (a proxy, a broker) find the revocation status without being told.
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([$"{url}/pki/{TenantId}/crl"]));
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([$"{url}/pki/{TenantId}/ocsp"], null));
        }

        X509Certificate2 issuer = Issuer;
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset notAfter = Earliest(now.AddDays(ca.State.CertificateLifetimeDays), new DateTimeOffset(issuer.NotAfter.ToUniversalTime()));
        using X509Certificate2 issued = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(Key), now - CertificateAuthorities.ClockSkew, notAfter, CertificateAuthorities.NewSerialNumber());

        var certificate = new DeviceCertificate(
            TenantId, deviceId, issued.SerialNumber, issued.Subject, CertificateAuthorities.Fingerprint(issued),
            new DateTimeOffset(issued.NotBefore.ToUniversalTime()), new DateTimeOffset(issued.NotAfter.ToUniversalTime()),
            CertificateAuthorities.Pem(issued.RawData), keyAlgorithm);
        await GrainFactory.GetGrain<ICertificateGrain>(CertificateKeys.Of(TenantId, certificate.SerialNumber)).RecordAsync(certificate, cancellationToken);
        CertificateMetrics.Issued.Add(1);
        return certificate;
    }

    public async Task AddRevocationAsync(RevokedCertificate revoked, CancellationToken cancellationToken)
    {
        RequireCa();
        if (ca.State.Revoked.ContainsKey(revoked.SerialNumber) && _saved == _changes)
        {
            return;
        }

        _pendingRevocations.TryAdd(revoked.SerialNumber, revoked);
        await SaveAsync(++_changes);
    }

    public async Task<byte[]> GetCrlAsync(CancellationToken cancellationToken)
    {
        RequireCa();
        if (ca.State.PrivateKey is null)
        {
            throw CarmenException.NotFound($"Tenant '{TenantId}' imported its CA without its key: its own PKI publishes the CRL.");
        }

        DateTimeOffset now = time.GetUtcNow();
        if (now >= ca.State.CrlThisUpdate + (ca.State.CrlNextUpdate - ca.State.CrlThisUpdate) / 2)
        {
            await SaveAsync(++_changes);
        }

        return ca.State.Crl!;
    }

    public async Task<byte[]> AnswerOcspAsync(byte[] request, CancellationToken cancellationToken)
    {
        RequireCa();
        if (OcspRequest.Parse(request) is not OcspRequest asked || asked.Certificates.Count > MaxOcspCertificates)
        {
            return OcspResponses.Unsuccessful(OcspResponseStatus.MalformedRequest);
        }

        if (ca.State.PrivateKey is null)
        {
            return OcspResponses.Unsuccessful(OcspResponseStatus.Unauthorized); // RFC 6960: not a responder for this CA; the tenant's PKI is
        }

        X509Certificate2 issuer = Issuer;
        byte[] issuerName = issuer.SubjectName.RawData;
        byte[] issuerKey = OcspResponses.PublicKeyBits(issuer);
        OcspResponses.Status[] statuses = await Task.WhenAll(asked.Certificates.Select(async id => new OcspResponses.Status(
            id,
            id.IsIssuedBy(issuerName, issuerKey) && CertificateKeys.IsSerialNumber(id.SerialNumber)
                ? await GrainFactory.GetGrain<ICertificateGrain>(CertificateKeys.Of(TenantId, id.SerialNumber)).GetAsync(cancellationToken)
                : null)));
        CertificateMetrics.OcspResponses.Add(1);
        return OcspResponses.Successful(statuses, asked.Nonce, issuer, Key, time.GetUtcNow());
    }

    /// <summary>
    /// Waits until change <paramref name="change"/> is saved. Revocations arrive interleaved (one incident revokes
    /// thousands at once): a write in flight is joined, and the next one takes everything that arrived meanwhile, so
    /// the list is signed and saved once per batch rather than once per certificate.
    /// </summary>
    private async Task SaveAsync(long change)
    {
        while (_saved < change)
        {
            Task saving = _saving ??= WriteRevocationsAsync();
            try
            {
                await saving;
            }
            finally
            {
                if (ReferenceEquals(_saving, saving))
                {
                    _saving = null;
                }
            }
        }
    }

    private async Task WriteRevocationsAsync()
    {
        long upTo = _changes;
        foreach (RevokedCertificate revoked in _pendingRevocations.Values)
        {
            ca.State.Revoked.TryAdd(revoked.SerialNumber, revoked);
        }

        _pendingRevocations.Clear();
        if (ca.State.PrivateKey is not null)
        {
            SignCrl();
        }

        await ca.WriteStateAsync();
        _saved = upTo;
    }

    /// <summary>Signs a new CRL of every revoked certificate not yet expired (expired ones leave the list, RFC 5280 section 3.3).</summary>
    private void SignCrl()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (string expired in ca.State.Revoked.Values.Where(entry => entry.NotAfter < now).Select(entry => entry.SerialNumber).ToList())
        {
            ca.State.Revoked.Remove(expired);
        }

        var builder = new CertificateRevocationListBuilder();
        foreach (RevokedCertificate entry in ca.State.Revoked.Values)
        {
            builder.AddEntry(Convert.FromHexString(entry.SerialNumber), entry.RevokedAt, (X509RevocationReason)entry.Reason);
        }

        using X509Certificate2 signer = Issuer.CopyWithPrivateKey(Key);
        ca.State.CrlNumber++;
        ca.State.Crl = builder.Build(signer, new BigInteger(ca.State.CrlNumber), now + s_crlLifetime, HashAlgorithmName.SHA256, thisUpdate: now);
        (ca.State.CrlThisUpdate, ca.State.CrlNextUpdate) = (now, now + s_crlLifetime);
    }

    /// <summary>The CA as it is shown, made once per activation: every enrollment asks for its chain.</summary>
    private async Task<CaInfo> DescribeAsync(CancellationToken cancellationToken) => _described ??= await DescribeAnewAsync(cancellationToken);

    private async Task<CaInfo> DescribeAnewAsync(CancellationToken cancellationToken)
    {
        IEnumerable<byte[]> issuers = ca.State.Mode == ImportedMode
            ? ca.State.Chain
            : [await GrainFactory.GetGrain<IPlatformCaGrain>(IPlatformCaGrain.Key).GetRootAsync(cancellationToken)];
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(ca.State.Certificate!);
        string pem = CertificateAuthorities.Pem(certificate.RawData);
        return new CaInfo(
            TenantId, ca.State.Mode ?? ManagedMode, certificate.Subject, pem, pem + string.Concat(issuers.Select(CertificateAuthorities.Pem)),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            ca.State.CertificateLifetimeDays, CertificateAuthorities.Describe(certificate.PublicKey) ?? "", ca.State.PrivateKey is not null,
            ca.State.AutoRegistrationClusterId);
    }

    private void RequireKey(string without)
    {
        if (ca.State.PrivateKey is null)
        {
            throw CarmenException.Conflict($"Tenant '{TenantId}' imported its CA without its key, so Carmen {without}.");
        }
    }

    private void RequireCa()
    {
        if (ca.State.Certificate is null)
        {
            throw CarmenException.NotFound($"Tenant '{TenantId}' has no device CA; create one with POST /api/v1/tenants/{TenantId}/pki/ca.");
        }
    }

    private static void RequireLifetime(int days)
    {
        if (days is < 1 or > CaSettings.MaxCertificateLifetimeDays)
        {
            throw CarmenException.Invalid("certificateLifetimeDays", $"A certificate lifetime is 1 to {CaSettings.MaxCertificateLifetimeDays} days.");
        }
    }

    /// <summary>The CSR, its signature checked (proof that the requester holds the key); any other shape is the caller's error.</summary>
    private static CertificateRequest ReadRequest(byte[] der)
    {
        try
        {
            return CertificateAuthorities.IsDerSequence(der)
                ? CertificateRequest.LoadSigningRequest(der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default)
                : throw new CryptographicException("not one DER value");
        }
        catch (CryptographicException invalid)
        {
            throw CarmenException.Invalid("csr", $"The CSR is not a PKCS#10 request signed by its own key ({invalid.Message}).");
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset first, DateTimeOffset second) => first < second ? first : second;

    [LoggerMessage(Level = LogLevel.Information, Message = "Device CA of tenant {TenantId} created")]
    private partial void LogCreated(string tenantId);
}
