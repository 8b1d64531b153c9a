using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Pki;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Pki;

/// <summary>
/// Bring-your-own PKI: the tenant's CA imported with its chain (and its key, if Carmen is to issue), and the
/// admission of certificates it issued that Carmen has not seen, as AWS's just-in-time registration does: chain checked,
/// device named by the certificate's common name, registered in the tenant's chosen cluster when it is new.
/// </summary>
public sealed partial class TenantCaGrain
{
    public async Task<CaInfo> ImportAsync(ImportedCa imported, CancellationToken cancellationToken)
    {
        if (ca.State.Certificate is not null)
        {
            throw CarmenException.Conflict($"Tenant '{TenantId}' has a device CA already.");
        }

        await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).RequireFeatureAsync(LicenseFeatures.Pki, cancellationToken);

        List<X509Certificate2> chain = ReadChain(imported.CertificatePem);
        try
        {
            X509Certificate2 authority = chain[0];
            RequireAuthority(authority, chain);
            byte[]? key = imported.PrivateKeyPem is { Length: > 0 } keyPem ? MatchingKey(authority, keyPem) : null;
            if (!await GrainFactory.GetGrain<IIssuerRegistryGrain>(IssuerKeys.OfKeyIdentifier(KeyIdentifier(authority))).ClaimAsync(TenantId, cancellationToken))
            {
                throw CarmenException.Conflict("Another tenant imported this CA; one CA signs devices in to one tenant.", "certificate");
            }

            // Certificates without an authority key identifier are found by their issuer's name, unless another tenant's CA has the same name.
            if (!await GrainFactory.GetGrain<IIssuerRegistryGrain>(IssuerKeys.OfName(authority.SubjectName)).ClaimAsync(TenantId, cancellationToken))
            {
                LogNameTaken(TenantId, authority.Subject);
            }

            ca.State.Certificate = authority.RawData;
            ca.State.Chain = [.. chain.Skip(1).Select(certificate => certificate.RawData)];
            ca.State.PrivateKey = key;
            ca.State.Mode = ImportedMode;
            ca.State.AutoRegistrationClusterId = imported.AutoRegistrationClusterId;
            ca.State.CertificateLifetimeDays = CaSettings.DefaultCertificateLifetimeDays;
            if (key is not null)
            {
                SignCrl();
            }

            await ca.WriteStateAsync(cancellationToken);
            LogImported(TenantId, authority.Subject, key is not null, imported.AutoRegistrationClusterId);
            return await DescribeAsync(cancellationToken);
        }
        finally
        {
            chain.ForEach(certificate => certificate.Dispose());
        }
    }

    public async Task<CertificateAdmission?> AdmitAsync(byte[] certificate, CancellationToken cancellationToken)
    {
        if (ca.State.Mode != ImportedMode)
        {
            return null;
        }

        using X509Certificate2 presented = X509CertificateLoader.LoadCertificate(certificate);
        DateTimeOffset now = time.GetUtcNow();
        string? deviceId = presented.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!ChainsToAuthority(presented, now) || !Identifiers.IsValidDeviceId(deviceId) || !CertificateKeys.IsSerialNumber(presented.SerialNumber))
        {
            LogRefused(TenantId, presented.Subject, presented.SerialNumber);
            return null;
        }

        var device = new DeviceKey(TenantId, deviceId!);
        if (!await ExistsOrRegisteredAsync(device, presented.SerialNumber, cancellationToken))
        {
            return null;
        }

        var record = new DeviceCertificate(
            TenantId, device.DeviceId, presented.SerialNumber, presented.Subject, CertificateAuthorities.Fingerprint(presented),
            new DateTimeOffset(presented.NotBefore.ToUniversalTime()), new DateTimeOffset(presented.NotAfter.ToUniversalTime()),
            CertificateAuthorities.Pem(presented.RawData), CertificateAuthorities.Name(presented.PublicKey));
        ICertificateGrain known = GrainFactory.GetGrain<ICertificateGrain>(CertificateKeys.Of(TenantId, record.SerialNumber));
        if (await known.GetAsync(cancellationToken) is { } earlier)
        {
            // The serial number is taken: the same certificate admitted a moment ago, or another with a reused number, which is refused.
            return earlier.Sha256Fingerprint == record.Sha256Fingerprint ? new CertificateAdmission(device, record.SerialNumber, record.Sha256Fingerprint) : null;
        }

        await known.RecordAsync(record, cancellationToken);
        await GrainFactory.GetGrain<IDeviceCertificatesGrain>(device.ToString()).AdoptAsync(record.SerialNumber, cancellationToken);
        LogAdmitted(TenantId, device.DeviceId, record.SerialNumber);
        return new CertificateAdmission(device, record.SerialNumber, record.Sha256Fingerprint);
    }

    /// <summary>Whether the certificate was signed by the imported CA (the chain's first link above it), through to the imported root, and is current.</summary>
    private bool ChainsToAuthority(X509Certificate2 presented, DateTimeOffset now)
    {
        if (now < presented.NotBefore.ToUniversalTime() || now >= presented.NotAfter.ToUniversalTime())
        {
            return false;
        }

        List<X509Certificate2> issuers = [X509CertificateLoader.LoadCertificate(ca.State.Certificate!), .. ca.State.Chain.Select(X509CertificateLoader.LoadCertificate)];
        try
        {
            using X509Chain chain = ChainUpTo(issuers);
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            return chain.Build(presented) && chain.ChainElements.Count >= 2
                && chain.ChainElements[1].Certificate.RawData.AsSpan().SequenceEqual(issuers[0].RawData);
        }
        finally
        {
            issuers.ForEach(issuer => issuer.Dispose());
        }
    }

    private async Task<bool> ExistsOrRegisteredAsync(DeviceKey device, string serialNumber, CancellationToken cancellationToken)
    {
        try
        {
            await GrainFactory.GetGrain<IDeviceGrain>(device.ToString()).GetAsync(cancellationToken);
            return true;
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            if (ca.State.AutoRegistrationClusterId is not string clusterId)
            {
                LogUnknownDevice(TenantId, device.DeviceId);
                return false;
            }
        }

        IReadOnlyList<DeviceRegistrationOutcome> outcome = await GrainFactory.GetGrain<IDeviceRegistrarGrain>(0).RegisterAsync(
            TenantId, [new DeviceDraft(device.DeviceId, device.DeviceId, ca.State.AutoRegistrationClusterId)], $"certificate-auto-register:{device.DeviceId}", 0, cancellationToken);
        if (outcome is not [{ Succeeded: true }])
        {
            LogRegistrationFailed(TenantId, device.DeviceId, string.Join("; ", outcome.SelectMany(row => row.Errors).Select(error => error.Message)));
            return false;
        }

        // No API call made the device: the trail records it as the device's own act, vouched for by the certificate.
        try
        {
            await GrainFactory.GetGrain<IAuditTrailGrain>(TenantId).AppendAsync(new AuditEntry(
                AuditSources.Device, new AuditActor(AuditActorKinds.Device, device.DeviceId), "deviceAutoRegistered", "devices", device.DeviceId, $"device:{device.DeviceId}", 0,
                [new AuditChange("clusterId", null, JsonSerializer.Serialize(ca.State.AutoRegistrationClusterId)), new AuditChange("certificateSerialNumber", null, JsonSerializer.Serialize(serialNumber))]),
                cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The device is registered either way; the trail's own health check reports that it is failing.
            LogNotAudited(failure, TenantId, device.DeviceId);
        }

        LogAutoRegistered(TenantId, device.DeviceId, ca.State.AutoRegistrationClusterId);
        return true;
    }

    /// <summary>The imported certificates, the CA first and then its issuers up to a self-signed root.</summary>
    private static List<X509Certificate2> ReadChain(string? pem)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem ?? "");
        }
        catch (CryptographicException unreadable)
        {
            throw CarmenException.Invalid("certificate", $"The certificate chain is not PEM certificates ({unreadable.Message}).");
        }

        return collection.Count > 0
            ? [.. collection]
            : throw CarmenException.Invalid("certificate", "Give the CA's certificate, followed by its issuers up to the root, in PEM.");
    }

    /// <summary>A CA certificate that may sign certificates, current, whose chain given ends at a root and holds together.</summary>
    private void RequireAuthority(X509Certificate2 authority, List<X509Certificate2> chain)
    {
        if (authority.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true }
            || authority.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage && !usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign))
        {
            throw CarmenException.Invalid("certificate", "The first certificate is not a CA's (basic constraints CA:TRUE, key usage keyCertSign).");
        }

        DateTimeOffset now = time.GetUtcNow();
        if (now >= authority.NotAfter.ToUniversalTime() || now < authority.NotBefore.ToUniversalTime())
        {
            throw CarmenException.Invalid("certificate", $"The CA certificate is not current (valid {authority.NotBefore:u} to {authority.NotAfter:u}).");
        }

        X509Certificate2 root = chain[^1];
        using X509Chain verify = ChainUpTo(chain);
        if (root.SubjectName.RawData.AsSpan().SequenceEqual(root.IssuerName.RawData) is false || !verify.Build(authority))
        {
            throw CarmenException.Invalid("certificate", "The chain does not lead from the CA to a self-signed root; give every issuer up to the root.");
        }
    }

    /// <summary>
    /// A chain builder that trusts only the last of <paramref name="issuers"/> (the imported root) and may use the
    /// others on the way; revocation is not fetched: Carmen's own records decide it.
    /// </summary>
    private static X509Chain ChainUpTo(List<X509Certificate2> issuers)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(issuers[^1]);
        chain.ChainPolicy.ExtraStore.AddRange(issuers.ToArray());
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain;
    }

    /// <summary>The key, PKCS#8, when it is the CA certificate's own (ECDSA); any other key is the caller's error.</summary>
    private static byte[] MatchingKey(X509Certificate2 authority, string keyPem)
    {
        using ECDsa? certified = authority.GetECDsaPublicKey();
        using ECDsa key = ECDsa.Create();
        try
        {
            key.ImportFromPem(keyPem);
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or ArgumentException)
        {
            throw CarmenException.Invalid("privateKey", $"The private key is not an ECDSA key in PEM ({unreadable.Message}).");
        }

        return certified is not null && certified.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo())
            ? key.ExportPkcs8PrivateKey()
            : throw CarmenException.Invalid("privateKey", "The private key is not the CA certificate's (Carmen signs with ECDSA CA keys).");
    }

    /// <summary>The CA's subject key identifier, which its certificates name as their authority key identifier.</summary>
    private static byte[] KeyIdentifier(X509Certificate2 authority) =>
        (authority.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()
            ?? new X509SubjectKeyIdentifierExtension(authority.PublicKey, false)).SubjectKeyIdentifierBytes.ToArray();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imported CA {Subject} of {TenantId} has the name of another tenant's CA: its certificates must name their authority key identifier to sign in")]
    private partial void LogNameTaken(string tenantId, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device CA of tenant {TenantId} imported: {Subject} (key: {WithKey}, auto-registration cluster: {ClusterId})")]
    private partial void LogImported(string tenantId, string subject, bool withKey, string? clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate {SerialNumber} of the imported CA admitted for {TenantId}/{DeviceId}")]
    private partial void LogAdmitted(string tenantId, string deviceId, string serialNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {TenantId}/{DeviceId} registered in cluster {ClusterId} at its first certificate sign-in")]
    private partial void LogAutoRegistered(string tenantId, string deviceId, string? clusterId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate of {Subject} ({SerialNumber}) refused for {TenantId}: not current, not chained to the imported CA, or its common name is not a device id")]
    private partial void LogRefused(string tenantId, string subject, string serialNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate for unknown device {TenantId}/{DeviceId} refused: the tenant's CA does not auto-register")]
    private partial void LogUnknownDevice(string tenantId, string deviceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Device {TenantId}/{DeviceId} was auto-registered, and the audit trail could not record it")]
    private partial void LogNotAudited(Exception failure, string tenantId, string deviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {TenantId}/{DeviceId} could not be auto-registered: {Reason}")]
    private partial void LogRegistrationFailed(string tenantId, string deviceId, string reason);
}
