using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// A tenant's device certificate authority (keyed by tenant id): its key, its certificate under the platform root,
/// the certificates it signs for the tenant's devices and its certificate revocation list.
/// </summary>
[Alias("Carmen.TenantCa")]
public interface ITenantCaGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant's managed CA: a new ECDSA P-256 key and an intermediate certificate signed by the platform root.</summary>
    [Alias("Create")]
    Task<CaInfo> CreateAsync(CaSettings settings, CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports the tenant's own CA (bring-your-own PKI): its chain is checked (a CA certificate, current, chained to
    /// the root given), its key if given must match it, and no other tenant may hold the same CA.
    /// </summary>
    [Alias("Import")]
    Task<CaInfo> ImportAsync(ImportedCa imported, CancellationToken cancellationToken = default);

    /// <summary>
    /// Admits a client certificate (DER) of the imported CA that Carmen has not seen: it must chain to the CA and be
    /// current; its common name is the device id. An unknown device is registered in the auto-registration cluster, if
    /// there is one. The certificate is then recorded as the device's. Null when it is not admitted.
    /// </summary>
    [Alias("Admit")]
    Task<CertificateAdmission?> AdmitAsync(byte[] certificate, CancellationToken cancellationToken = default);

    /// <summary>The CA, or null when the tenant has none yet.</summary>
    [Alias("Get")]
    Task<CaInfo?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Signs a PKCS#10 certification request (DER) for one device of the tenant. Only the request's key is used: the
    /// subject and extensions are Carmen's own, naming exactly this device.
    /// </summary>
    [Alias("Issue")]
    Task<DeviceCertificate> IssueAsync(string deviceId, byte[] certificationRequest, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts a revoked certificate on the CA's revocation list, which is signed again at once; completes once the list
    /// is saved. Interleaved, so that revocations arriving together are signed and saved together.
    /// </summary>
    [Alias("AddRevocation"), AlwaysInterleave]
    Task AddRevocationAsync(RevokedCertificate revoked, CancellationToken cancellationToken = default);

    /// <summary>
    /// Answers an OCSP request (RFC 6960, DER) about the CA's certificates: a basic response signed by the CA, or
    /// "malformedRequest" for bytes that are not a request. Certificates of another issuer are "unknown".
    /// </summary>
    [Alias("AnswerOcsp")]
    Task<byte[]> AnswerOcspAsync(byte[] request, CancellationToken cancellationToken = default);

    /// <summary>The current certificate revocation list (DER, RFC 5280), signed again once half its validity has passed.</summary>
    [Alias("GetCrl")]
    Task<byte[]> GetCrlAsync(CancellationToken cancellationToken = default);
}
