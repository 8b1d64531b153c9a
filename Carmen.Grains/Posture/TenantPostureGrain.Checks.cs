using System.Globalization;
using Carmen.Grains.Devices;
using Carmen.Grains.Pki;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Incidents;
using Carmen.Grains.Interfaces.Pki;
using Carmen.Grains.Interfaces.Posture;

namespace Carmen.Grains.Posture;

/// <summary>
/// The checks themselves: one scan of the device index (dormant devices, vulnerable software), the certificates of
/// every device when the tenant has a CA (expiring certificates, a CA near its end), 500 devices' certificates read at
/// a time, and the shared-credential sightings the connect path reported.
/// </summary>
public sealed partial class TenantPostureGrain
{
    private const int CertificateReadsAtOnce = 500;

    private async Task<(int Devices, List<PostureFinding> Findings)> RunChecksAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        PostureSettings settings = Settings;
        IReadOnlyList<DevicePostureRow> devices = await index.ListPostureRowsAsync(TenantId, cancellationToken);
        CaInfo? ca = await GrainFactory.GetGrain<ITenantCaGrain>(TenantId).GetAsync(cancellationToken);
        Dictionary<string, List<DeviceCertificate>> current = ca is null ? [] : await ReadCurrentCertificatesAsync(devices, now, cancellationToken);

        var findings = new List<PostureFinding>();
        void Add(PostureFindingKind kind, string severity, string summary, List<PostureDevice> found, params IncidentAction[] mitigation)
        {
            if (found.Count > 0)
            {
                findings.Add(new PostureFinding(kind, severity, summary, found, mitigation));
            }
        }

        DateTimeOffset expiringBefore = now.AddDays(settings.ExpiringWithinDays);
        Add(PostureFindingKind.CertificatesExpiring, "warning", $"Certificates that expire within {settings.ExpiringWithinDays} days: renew them (the edge agent renews its own).",
            [.. devices.SelectMany(device => current.GetValueOrDefault(device.DeviceId, [])
                .Where(certificate => certificate.NotAfter <= expiringBefore)
                .Select(certificate => new PostureDevice(device.DeviceId, device.ClusterId, $"certificate {certificate.SerialNumber} expires {Day(certificate.NotAfter)}")))]);

        DateTimeOffset sharedSince = now.AddDays(-settings.SharedCredentialsWithinDays);
        var inService = devices.ToDictionary(device => device.DeviceId, StringComparer.Ordinal);
        Add(PostureFindingKind.SharedCredentials, "critical", $"Credentials used by two connections from different addresses at once within {settings.SharedCredentialsWithinDays} days: a copied token or key.",
            [.. posture.State.Sightings.Where(seen => seen.At >= sharedSince && inService.ContainsKey(seen.DeviceId))
                .GroupBy(seen => seen.DeviceId).Select(group => group.Last())
                .Select(seen => new PostureDevice(seen.DeviceId, inService[seen.DeviceId].ClusterId, $"{seen.Credential} from {seen.FirstAddress} and {seen.SecondAddress} at {seen.At:yyyy-MM-dd HH:mm} UTC"))],
            IncidentAction.RotateTokens, IncidentAction.RevokeCertificates, IncidentAction.Disconnect);

        DateTimeOffset unseenSince = now.AddDays(-settings.DormantAfterDays);
        Add(PostureFindingKind.DormantDevices, "minor", $"Devices holding valid credentials, unseen for {settings.DormantAfterDays} days: credentials nobody uses are credentials someone may take.",
            [.. devices.Where(device => device.Status != DeviceStatus.Quarantined && (device.LastSeenAt ?? device.CreatedAt) < unseenSince
                    && (device.HoldsSecret || current.ContainsKey(device.DeviceId)))
                .Select(device => new PostureDevice(device.DeviceId, device.ClusterId,
                    device.LastSeenAt is DateTimeOffset seen ? $"last seen {Day(seen)}" : $"never seen; registered {Day(device.CreatedAt)}"))],
            IncidentAction.RotateTokens, IncidentAction.RevokeCertificates);

        Dictionary<long, string> advisories = settings.VulnerableDistributionSets.ToDictionary(set => set.DistributionSetId, set => set.Advisory);
        Add(PostureFindingKind.VulnerableSoftware, "major", "Devices running a distribution set marked vulnerable: isolate them until they are updated.",
            [.. devices.Where(device => device.InstalledDistributionSetId is long set && advisories.ContainsKey(set))
                .Select(device => new PostureDevice(device.DeviceId, device.ClusterId,
                    $"runs distribution set {device.InstalledDistributionSetId!.Value.ToString(CultureInfo.InvariantCulture)}: {advisories[device.InstalledDistributionSetId.Value]}"))],
            IncidentAction.Quarantine);

        Add(PostureFindingKind.WeakKeys, "major", "Certificates with RSA keys below 2048 bits, which can be broken: revoke them and issue stronger ones.",
            [.. devices.SelectMany(device => current.GetValueOrDefault(device.DeviceId, [])
                .Where(certificate => CertificateAuthorities.IsWeak(certificate.KeyAlgorithm))
                .Select(certificate => new PostureDevice(device.DeviceId, device.ClusterId, $"certificate {certificate.SerialNumber}: {certificate.KeyAlgorithm}")))],
            IncidentAction.RevokeCertificates);

        if (ca is not null && ca.NotAfter <= expiringBefore)
        {
            string when = ca.NotAfter <= now ? $"expired {Day(ca.NotAfter)}" : $"expires {Day(ca.NotAfter)}";
            findings.Add(new PostureFinding(PostureFindingKind.CaExpiring, ca.NotAfter <= now ? "critical" : "major",
                $"The tenant's device CA {when}, and devices still hold certificates it issued: plan its replacement.",
                [.. devices.Where(device => current.ContainsKey(device.DeviceId)).Select(device => new PostureDevice(device.DeviceId, device.ClusterId, $"trusts the CA that {when}"))],
                []));
        }

        return (devices.Count, findings);
    }

    /// <summary>Each device's certificates that are neither revoked nor expired, for the devices that have any.</summary>
    private async Task<Dictionary<string, List<DeviceCertificate>>> ReadCurrentCertificatesAsync(IReadOnlyList<DevicePostureRow> devices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, List<DeviceCertificate>>(StringComparer.Ordinal);
        foreach (DevicePostureRow[] batch in devices.Chunk(CertificateReadsAtOnce))
        {
            IReadOnlyList<DeviceCertificate>[] read = await Task.WhenAll(batch.Select(device =>
                GrainFactory.GetGrain<IDeviceCertificatesGrain>(new DeviceKey(TenantId, device.DeviceId).ToString()).ListAsync(cancellationToken)));
            for (int i = 0; i < batch.Length; i++)
            {
                List<DeviceCertificate> valid = [.. read[i].Where(certificate => certificate.RevokedAt is null && certificate.NotAfter > now)];
                if (valid.Count > 0)
                {
                    current[batch[i].DeviceId] = valid;
                }
            }
        }

        return current;
    }

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
