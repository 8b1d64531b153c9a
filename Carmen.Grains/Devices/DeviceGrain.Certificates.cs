using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Devices;

/// <summary>
/// Sign-in with a device certificate (ThingsBoard's X.509 mode): the certificate's own grain says whether it is one
/// of this device's, unrevoked and current, so a revocation is in force at the next handshake on every silo, and the
/// live connection that used it is closed.
/// </summary>
public sealed partial class DeviceGrain
{
    public async Task<BasicAuthorization> AuthorizeCertificateAsync(string serialNumber, string sha256Fingerprint, CancellationToken cancellationToken)
    {
        if (!IsRegistered || !await HoldsCertificateAsync((serialNumber, sha256Fingerprint), cancellationToken))
        {
            return new BasicAuthorization(ConnectDecision.BadCredentials, null);
        }

        return await MayConnectAsync(cancellationToken)
            ? new BasicAuthorization(ConnectDecision.Accepted, CertificateStamps.Of(serialNumber, sha256Fingerprint))
            : new BasicAuthorization(ConnectDecision.NotAuthorized, null);
    }

    public async Task CertificateRevokedAsync(string serialNumber, CancellationToken cancellationToken)
    {
        if (IsRegistered && device.State.Connection?.CertificateSerial == serialNumber)
        {
            await CloseConnectionAsync(DeviceCloseReason.NotAuthorized, cancellationToken);
        }
    }

    /// <summary>Whether the certificate named is this device's, issued by its tenant's CA (the record matches its fingerprint), not revoked and within its validity.</summary>
    private async Task<bool> HoldsCertificateAsync((string SerialNumber, string Sha256Fingerprint)? named, CancellationToken cancellationToken)
    {
        if (named is not (string serialNumber, string fingerprint) || !CertificateKeys.IsSerialNumber(serialNumber))
        {
            return false;
        }

        DeviceCertificate? certificate = await GrainFactory.GetGrain<ICertificateGrain>(CertificateKeys.Of(Key.TenantId, serialNumber)).GetAsync(cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        return certificate is not null && certificate.DeviceId == Key.DeviceId && certificate.RevokedAt is null
            && string.Equals(certificate.Sha256Fingerprint, fingerprint, StringComparison.OrdinalIgnoreCase)
            && certificate.NotBefore <= now && now < certificate.NotAfter;
    }
}
