using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Grains.Interfaces.Pki;

/// <summary>
/// One device's certificates and enrollment tokens (keyed by <see cref="Devices.DeviceKey"/>): a token lets the device
/// itself ask for a certificate once; the grain keeps the serial numbers it was issued.
/// </summary>
[Alias("Carmen.DeviceCertificates")]
public interface IDeviceCertificatesGrain : IGrainWithStringKey
{
    /// <summary>A new one-time enrollment token, valid for <paramref name="lifetime"/>; only its hash is kept.</summary>
    [Alias("CreateEnrollmentToken")]
    Task<EnrollmentToken> CreateEnrollmentTokenAsync(TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a certificate for the request (PKCS#10, DER). With <paramref name="enrollmentToken"/> the token must be
    /// valid and is spent by the issue; without it the caller has been authorized already (an operator).
    /// </summary>
    [Alias("Enroll")]
    Task<DeviceCertificate> EnrollAsync(byte[] certificationRequest, string? enrollmentToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a new certificate for the request (PKCS#10, DER) to a device that proved it holds
    /// <paramref name="currentSerialNumber"/>, one of its certificates still current and unrevoked (it signed in with it).
    /// The current certificate stays valid until it expires or is revoked.
    /// </summary>
    [Alias("Renew")]
    Task<DeviceCertificate> RenewAsync(byte[] certificationRequest, string currentSerialNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// An incident's certificate actions: revokes every current certificate (reason keyCompromise, in the name of
    /// <paramref name="revokedBy"/>) and blocks enrollment until <see cref="ReleaseEnrollmentAsync"/>. Idempotent.
    /// </summary>
    [Alias("Contain")]
    Task<IReadOnlyList<IncidentStep>> ContainAsync(long incidentId, bool revokeCertificates, bool blockEnrollment, string revokedBy, CancellationToken cancellationToken = default);

    /// <summary>Lifts the enrollment block the incident put on the device; false when it had none.</summary>
    [Alias("ReleaseEnrollment")]
    Task<bool> ReleaseEnrollmentAsync(long incidentId, CancellationToken cancellationToken = default);

    /// <summary>Counts a certificate of the tenant's own PKI, admitted at sign-in and recorded already, among the device's.</summary>
    [Alias("Adopt")]
    Task AdoptAsync(string serialNumber, CancellationToken cancellationToken = default);

    /// <summary>Every certificate issued to the device, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<DeviceCertificate>> ListAsync(CancellationToken cancellationToken = default);
}
