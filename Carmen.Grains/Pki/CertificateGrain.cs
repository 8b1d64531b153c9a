using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Pki;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Pki;

/// <summary>One issued device certificate: its record, and its revocation, which goes onto the tenant CA's list before it is recorded here.</summary>
[GrainType("device-certificate")]
public sealed partial class CertificateGrain(
    [PersistentState("certificate", StorageNames.Devices)] IPersistentState<CertificateState> record,
    TimeProvider time,
    ILogger<CertificateGrain> logger) : Grain, ICertificateGrain
{
    public async Task RecordAsync(DeviceCertificate certificate, CancellationToken cancellationToken)
    {
        record.State.Certificate = certificate;
        await record.WriteStateAsync(cancellationToken);
    }

    public Task<DeviceCertificate?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(record.State.Certificate);

    public async Task<DeviceCertificate> RevokeAsync(CertificateRevocationReason reason, string revokedBy, CancellationToken cancellationToken)
    {
        DeviceCertificate certificate = record.State.Certificate
            ?? throw CarmenException.NotFound("No certificate with this serial number was issued in this tenant.");
        if (certificate.RevokedAt is not null)
        {
            await DisconnectAsync(certificate, cancellationToken); // a retry of a revocation whose disconnect failed
            return certificate;
        }

        DateTimeOffset now = time.GetUtcNow();
        // The list first: a failure after it leaves a revoked certificate that says it is not, and a retry mends it;
        // the other order could leave one that says it is revoked and is not on the list.
        await GrainFactory.GetGrain<ITenantCaGrain>(certificate.TenantId)
            .AddRevocationAsync(new RevokedCertificate(certificate.SerialNumber, now, reason, certificate.NotAfter), cancellationToken);
        record.State.Certificate = certificate with { RevokedAt = now, RevocationReason = reason, RevokedBy = revokedBy };
        await record.WriteStateAsync(cancellationToken);
        CertificateMetrics.Revoked.Add(1);
        LogRevoked(certificate.TenantId, certificate.DeviceId, certificate.SerialNumber, reason);
        await DisconnectAsync(certificate, cancellationToken);
        return record.State.Certificate;
    }

    /// <summary>The device's grain closes a live connection that signed in with the certificate, on whichever silo holds it.</summary>
    private Task DisconnectAsync(DeviceCertificate certificate, CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IConnectedDeviceGrain>(new DeviceKey(certificate.TenantId, certificate.DeviceId).ToString())
            .CertificateRevokedAsync(certificate.SerialNumber, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate {SerialNumber} of {TenantId}/{DeviceId} revoked ({Reason})")]
    private partial void LogRevoked(string tenantId, string deviceId, string serialNumber, CertificateRevocationReason reason);
}
