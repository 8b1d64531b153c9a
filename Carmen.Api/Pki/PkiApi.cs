using Carmen.Api.Access;
using Carmen.Api.Audit;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Hosting;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Pki;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Pki;

/// <summary>
/// A tenant's device PKI: its CA, enrollment tokens, device certificates issued from CSRs, and revocation. A device
/// without an API session enrolls with a one-time token an operator gave it; everything else needs the caller's
/// permissions on the device (devices.credentials to issue or revoke, devices.read to look).
/// </summary>
public static class PkiApi
{
    private const int DefaultTokenHours = 24;

    public static RouteGroupBuilder MapPkiApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder pki = tenant.MapGroup("/pki").WithTags("PKI");
        pki.MapPost("/ca", CreateCaAsync).RequirePermission(Permissions.HierarchyManage)
            .WithSummary("Creates the tenant's device CA: \"managed\" (an ECDSA P-256 key certified by the platform root) or \"imported\" (the tenant's own CA, with auto-registration).");
        pki.MapGet("/ca", GetCaAsync).RequirePermission(Permissions.DevicesRead);

        RouteGroupBuilder device = tenant.MapGroup("/devices/{deviceId}").WithTags("PKI");
        device.MapPost("/enrollment-tokens", CreateEnrollmentTokenAsync).RequirePermission(Permissions.DevicesCredentials)
            .WithSummary("A one-time token with which the device itself may send a CSR once; shown once.");
        device.MapPost("/certificates", EnrollAsync).AllowAnonymous()
            .WithSummary("Issues a certificate from a PKCS#10 CSR: sent by the device with an enrollment token or its access token, or by an operator with devices.credentials.");
        device.MapGet("/certificates", ListAsync).RequirePermission(Permissions.DevicesRead);

        tenant.MapPost("/certificates/{serialNumber}/revoke", RevokeAsync).WithTags("PKI").RequirePermissionAnywhere(Permissions.DevicesCredentials)
            .WithSummary("Revokes a device certificate (RFC 5280 reason); the tenant's CRL is signed again at once.");
        return tenant;
    }

    public static async Task<Created<CaResponse>> CreateCaAsync([AsParameters] TenantScope scope, CreateCaRequest request, IOptions<PublicUrlOptions> urls)
    {
        string baseUrl = urls.Value.BaseUrlFor(scope.Http.Request);
        ITenantCaGrain grain = scope.Grain<ITenantCaGrain>(scope.TenantId);
        CaInfo ca = request.Mode switch
        {
            "managed" => await grain.CreateAsync(new CaSettings(request.CertificateLifetimeDays ?? CaSettings.DefaultCertificateLifetimeDays, baseUrl), scope.CancellationToken),
            "imported" => await grain.ImportAsync(Imported(scope, request), scope.CancellationToken),
            _ => throw CarmenException.Invalid("mode", "The mode is \"managed\" (Carmen's key) or \"imported\" (the tenant's own CA)."),
        };
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/pki/ca", CaResponse.From(ca, baseUrl));
    }

    public static async Task<Ok<CaResponse>> GetCaAsync([AsParameters] TenantScope scope, IOptions<PublicUrlOptions> urls) =>
        TypedResults.Ok(CaResponse.From(
            await scope.Grain<ITenantCaGrain>(scope.TenantId).GetAsync(scope.CancellationToken)
                ?? throw CarmenException.NotFound($"Tenant '{scope.TenantId}' has no device CA."),
            urls.Value.BaseUrlFor(scope.Http.Request)));

    public static async Task<Created<EnrollmentTokenResponse>> CreateEnrollmentTokenAsync([AsParameters] TenantScope scope, string deviceId, EnrollmentTokenRequest? request)
    {
        EnrollmentToken token = await Certificates(scope, deviceId)
            .CreateEnrollmentTokenAsync(TimeSpan.FromHours(request?.ExpiresInHours ?? DefaultTokenHours), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/devices/{deviceId}/certificates", new EnrollmentTokenResponse(token.Token, token.ExpiresAt));
    }

    public static async Task<Created<CertificateResponse>> EnrollAsync([AsParameters] TenantScope scope, string deviceId, EnrollCertificateRequest request, TimeProvider time)
    {
        if (request.AccessToken is { Length: > 0 } accessToken && request.EnrollmentToken is not { Length: > 0 })
        {
            // The device's own access token, as it signs in with it: the device moving from a token to a certificate.
            if (!Identifiers.IsValidDeviceId(deviceId)
                || await scope.Grain<IConnectedDeviceGrain>(new DeviceKey(scope.TenantId, deviceId).ToString()).AuthorizeAsync(TokenHashes.Of(accessToken), scope.CancellationToken) != ConnectDecision.Accepted)
            {
                throw CarmenException.Forbidden("The access token is not this device's, or the device may not sign in now.");
            }

            AuditTrailMiddleware.Attribute(scope.Http, scope.TenantId, new AuditActor(AuditActorKinds.Device, deviceId));
        }
        else if (request.EnrollmentToken is not { Length: > 0 })
        {
            // No token: an operator's call, with the same check as any route needing devices.credentials on the device.
            if (scope.User.Identity?.IsAuthenticated != true)
            {
                throw CarmenException.Invalid("enrollmentToken", "Without an API session, a device enrolls with the enrollment token it was given.");
            }

            DeviceInfo device = await RequireVisibleAsync(scope, deviceId);
            scope.Access.RequireOnDeviceIn(device.ClusterId, Permissions.DevicesCredentials, NotFound(scope, deviceId));
        }
        else if (!Identifiers.IsValidDeviceId(deviceId))
        {
            throw CarmenException.Forbidden("The enrollment token is not valid for this device: unknown, spent or expired.");
        }
        else
        {
            // No session: the trail records the device, in its tenant's chain, as it does a device provisioning itself.
            AuditTrailMiddleware.Attribute(scope.Http, scope.TenantId, new AuditActor(AuditActorKinds.Device, deviceId));
        }

        byte[] csr = CertificationRequests.FromText(request.Csr); // after the caller's access: a device it may not see is not found, whatever the body
        DeviceCertificate issued = await Certificates(scope, deviceId).EnrollAsync(csr, request.EnrollmentToken is { Length: > 0 } token ? token : null, scope.CancellationToken);
        CaInfo ca = (await scope.Grain<ITenantCaGrain>(scope.TenantId).GetAsync(scope.CancellationToken))!;
        return TypedResults.Created(
            $"/api/v1/tenants/{scope.TenantId}/devices/{deviceId}/certificates",
            CertificateResponse.From(issued, time.GetUtcNow(), ca.ChainPem));
    }

    public static async Task<Ok<List<CertificateResponse>>> ListAsync([AsParameters] TenantScope scope, string deviceId, TimeProvider time)
    {
        IReadOnlyList<DeviceCertificate> certificates = await Certificates(scope, deviceId).ListAsync(scope.CancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        return TypedResults.Ok(certificates.Select(certificate => CertificateResponse.From(certificate, now)).ToList());
    }

    public static async Task<Ok<CertificateResponse>> RevokeAsync([AsParameters] TenantScope scope, string serialNumber, RevokeCertificateRequest? request, TimeProvider time)
    {
        string notFound = $"Tenant '{scope.TenantId}' has no certificate {serialNumber}.";
        ICertificateGrain grain = CertificateKeys.IsSerialNumber(serialNumber)
            ? scope.Grain<ICertificateGrain>(CertificateKeys.Of(scope.TenantId, serialNumber))
            : throw CarmenException.NotFound(notFound);
        DeviceCertificate certificate = await grain.GetAsync(scope.CancellationToken) ?? throw CarmenException.NotFound(notFound);
        DeviceInfo device = await scope.Grain<IDeviceGrain>(new DeviceKey(scope.TenantId, certificate.DeviceId).ToString()).GetAsync(scope.CancellationToken);
        scope.Access.RequireOnDeviceIn(device.ClusterId, Permissions.DevicesCredentials, notFound);
        DeviceCertificate revoked = await grain.RevokeAsync(request?.Reason ?? CertificateRevocationReason.Unspecified, scope.User.Actor(), scope.CancellationToken);
        return TypedResults.Ok(CertificateResponse.From(revoked, time.GetUtcNow()));
    }

    private static ImportedCa Imported(TenantScope scope, CreateCaRequest request)
    {
        string? clusterId = request.AutoRegistration?.ClusterId;
        if (request.AutoRegistration is not null && string.IsNullOrWhiteSpace(clusterId))
        {
            throw CarmenException.Invalid("autoRegistration.clusterId", "Name the cluster devices are registered in.");
        }

        scope.Access.RequireDeviceWriteIn(clusterId, "autoRegistration.clusterId");
        return new ImportedCa(
            request.Certificate is { Length: > 0 } certificate ? certificate : throw CarmenException.Invalid("certificate", "Give the CA's certificate and its chain (PEM)."),
            request.PrivateKey, clusterId);
    }

    private static async Task<DeviceInfo> RequireVisibleAsync(TenantScope scope, string deviceId) =>
        Identifiers.IsValidDeviceId(deviceId)
            ? await scope.Grain<IDeviceGrain>(new DeviceKey(scope.TenantId, deviceId).ToString()).GetAsync(scope.CancellationToken)
            : throw CarmenException.NotFound(NotFound(scope, deviceId));

    private static string NotFound(TenantScope scope, string deviceId) => $"Tenant '{scope.TenantId}' has no device '{deviceId}'.";

    private static IDeviceCertificatesGrain Certificates(TenantScope scope, string deviceId) =>
        scope.Grain<IDeviceCertificatesGrain>(new DeviceKey(scope.TenantId, deviceId).ToString());
}
