using System.Security.Cryptography;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Incidents;
using Carmen.Grains.Interfaces.Pki;

namespace Carmen.Grains.Pki;

/// <summary>
/// A device's enrollment: one-time tokens (only their hashes kept) that let the device ask for a certificate itself,
/// and the serial numbers of what it was issued. The grain is not reentrant, so a token is spent once even when two
/// requests race with it.
/// </summary>
[GrainType("device-certificates")]
public sealed class DeviceCertificatesGrain(
    [PersistentState("device-certificates", StorageNames.Devices)] IPersistentState<DeviceCertificatesState> enrollment,
    TimeProvider time) : Grain, IDeviceCertificatesGrain
{
    /// <summary>The longest an enrollment token may live.</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(30);

    private DeviceKey Device => DeviceKey.Parse(this.GetPrimaryKeyString());

    public async Task<EnrollmentToken> CreateEnrollmentTokenAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > MaxTokenLifetime)
        {
            throw CarmenException.Invalid("expiresInHours", $"An enrollment token lives up to {MaxTokenLifetime.TotalHours:0} hours.");
        }

        await RequireEnrollableAsync(cancellationToken);
        if (await GrainFactory.GetGrain<ITenantCaGrain>(Device.TenantId).GetAsync(cancellationToken) is { Issues: false })
        {
            throw CarmenException.Conflict($"Tenant '{Device.TenantId}' imported its CA without its key: its devices get certificates from its own PKI, not by enrollment.");
        }

        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        DateTimeOffset now = time.GetUtcNow();
        ForgetExpiredTokens(now);
        enrollment.State.EnrollmentTokens[TokenHashes.Of(token)] = now + lifetime;
        await enrollment.WriteStateAsync(cancellationToken);
        return new EnrollmentToken(token, now + lifetime);
    }

    public async Task<DeviceCertificate> EnrollAsync(byte[] certificationRequest, string? enrollmentToken, CancellationToken cancellationToken)
    {
        string? spent = null;
        if (enrollmentToken is not null)
        {
            // Checked before anything about the device is looked at, so a caller without a valid token learns nothing about it.
            spent = TokenHashes.Of(enrollmentToken);
            if (!enrollment.State.EnrollmentTokens.TryGetValue(spent, out DateTimeOffset expiresAt) || expiresAt <= time.GetUtcNow())
            {
                throw CarmenException.Forbidden("The enrollment token is not valid for this device: unknown, spent or expired.");
            }
        }

        await RequireEnrollableAsync(cancellationToken);
        DeviceCertificate issued = await GrainFactory.GetGrain<ITenantCaGrain>(Device.TenantId).IssueAsync(Device.DeviceId, certificationRequest, cancellationToken);
        if (spent is not null)
        {
            enrollment.State.EnrollmentTokens.Remove(spent);
        }

        ForgetExpiredTokens(time.GetUtcNow());
        enrollment.State.SerialNumbers.Add(issued.SerialNumber);
        await enrollment.WriteStateAsync(cancellationToken);
        return issued;
    }

    public async Task<DeviceCertificate> RenewAsync(byte[] certificationRequest, string currentSerialNumber, CancellationToken cancellationToken)
    {
        DeviceCertificate? current = CertificateKeys.IsSerialNumber(currentSerialNumber)
            ? await GrainFactory.GetGrain<ICertificateGrain>(CertificateKeys.Of(Device.TenantId, currentSerialNumber)).GetAsync(cancellationToken)
            : null;
        DateTimeOffset now = time.GetUtcNow();
        if (current is null || current.DeviceId != Device.DeviceId || current.RevokedAt is not null || current.NotAfter <= now)
        {
            throw CarmenException.Forbidden("Renewal needs a current, unrevoked certificate of this device; enroll again with a token.");
        }

        await RequireEnrollableAsync(cancellationToken);
        DeviceCertificate issued = await GrainFactory.GetGrain<ITenantCaGrain>(Device.TenantId).IssueAsync(Device.DeviceId, certificationRequest, cancellationToken);
        enrollment.State.SerialNumbers.Add(issued.SerialNumber);
        await enrollment.WriteStateAsync(cancellationToken);
        return issued;
    }

    public async Task<IReadOnlyList<IncidentStep>> ContainAsync(long incidentId, bool revokeCertificates, bool blockEnrollment, string revokedBy, CancellationToken cancellationToken)
    {
        var steps = new List<IncidentStep>();
        if (blockEnrollment)
        {
            if (enrollment.State.EnrollmentBlockedBy is null || enrollment.State.EnrollmentTokens.Count > 0)
            {
                // Tokens handed out before the incident could enroll a key the attacker holds: they go too.
                enrollment.State.EnrollmentBlockedBy ??= incidentId;
                enrollment.State.EnrollmentTokens.Clear();
                await enrollment.WriteStateAsync(cancellationToken);
            }

            steps.Add(new IncidentStep(IncidentAction.BlockEnrollment, IncidentStepOutcome.Done,
                enrollment.State.EnrollmentBlockedBy == incidentId ? null : $"already blocked by incident {enrollment.State.EnrollmentBlockedBy}"));
        }

        if (revokeCertificates)
        {
            steps.Add(await RevokeCurrentAsync(revokedBy, cancellationToken));
        }

        return steps;
    }

    public async Task<bool> ReleaseEnrollmentAsync(long incidentId, CancellationToken cancellationToken)
    {
        if (enrollment.State.EnrollmentBlockedBy != incidentId)
        {
            return false;
        }

        enrollment.State.EnrollmentBlockedBy = null;
        await enrollment.WriteStateAsync(cancellationToken);
        return true;
    }

    public async Task AdoptAsync(string serialNumber, CancellationToken cancellationToken)
    {
        if (!enrollment.State.SerialNumbers.Contains(serialNumber))
        {
            enrollment.State.SerialNumbers.Add(serialNumber);
            await enrollment.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<DeviceCertificate>> ListAsync(CancellationToken cancellationToken)
    {
        DeviceCertificate?[] certificates = await Task.WhenAll(enrollment.State.SerialNumbers.Select(serial =>
            GrainFactory.GetGrain<ICertificateGrain>(CertificateKeys.Of(Device.TenantId, serial)).GetAsync(cancellationToken)));
        return [.. certificates.OfType<DeviceCertificate>().OrderByDescending(certificate => certificate.NotBefore)];
    }

    /// <summary>Revokes the device's certificates still current (expired ones need no revocation), as compromised.</summary>
    private async Task<IncidentStep> RevokeCurrentAsync(string revokedBy, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        int revoked = 0;
        foreach (string serial in enrollment.State.SerialNumbers)
        {
            ICertificateGrain certificate = GrainFactory.GetGrain<ICertificateGrain>(CertificateKeys.Of(Device.TenantId, serial));
            if (await certificate.GetAsync(cancellationToken) is { RevokedAt: null } current && current.NotAfter > now)
            {
                await certificate.RevokeAsync(CertificateRevocationReason.KeyCompromise, revokedBy, cancellationToken);
                revoked++;
            }
        }

        return revoked > 0
            ? new IncidentStep(IncidentAction.RevokeCertificates, IncidentStepOutcome.Done, $"{revoked} certificate(s) revoked")
            : new IncidentStep(IncidentAction.RevokeCertificates, IncidentStepOutcome.Skipped, "no current certificate");
    }

    /// <summary>A quarantined, isolated or decommissioned device, or one an incident blocks, gets no new credentials (an unknown one is not found).</summary>
    private async Task RequireEnrollableAsync(CancellationToken cancellationToken)
    {
        DeviceInfo device = await GrainFactory.GetGrain<IDeviceGrain>(Device.ToString()).GetAsync(cancellationToken);
        if (device.Status is DeviceStatus.Quarantined or DeviceStatus.Isolated or DeviceStatus.Decommissioned)
        {
            throw CarmenException.Conflict($"Device '{Device.DeviceId}' is {device.Status.ToString().ToLowerInvariant()}: it gets no new certificate.");
        }

        if (enrollment.State.EnrollmentBlockedBy is long incident)
        {
            throw CarmenException.Conflict($"Enrollment of device '{Device.DeviceId}' is blocked by incident {incident} until it is released.");
        }
    }

    private void ForgetExpiredTokens(DateTimeOffset now)
    {
        foreach (string expired in enrollment.State.EnrollmentTokens.Where(token => token.Value <= now).Select(token => token.Key).ToList())
        {
            enrollment.State.EnrollmentTokens.Remove(expired);
        }
    }
}
