using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Carmen.Api.Auth;
using Carmen.Api.Errors;
using Carmen.Api.Security;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Pki;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Ddi;

/// <summary>
/// DDI's authentication: "Authorization: TargetToken {device access token}" checked by the device's own grain, or
/// "GatewayToken {tenant gateway token}" checked against the tenant's DDI settings, or without an Authorization header
/// the device's certificate (from the TLS connection, or forwarded by a trusted proxy), checked like an MQTT sign-in
/// with it. The tenant and controller come from the URL, so a credential of another tenant's device never matches: the
/// grain it would be checked by is not its own.
/// </summary>
public sealed partial class DdiAuthenticator(
    IGrainFactory grains,
    [FromKeyedServices(DdiAuthenticator.ThrottleKey)] FailureThrottle throttle,
    SecurityEventSink events,
    IOptions<DdiClientCertificateOptions> certificates,
    ILogger<DdiAuthenticator> logger)
{
    /// <summary>The key of the throttle on wrong DDI tokens, one per node, as MQTT has for CONNECTs.</summary>
    public const string ThrottleKey = "ddi";

    private const string TargetScheme = "TargetToken";
    private const string GatewayScheme = "GatewayToken";

    /// <summary>The device's grain when the request may act for it; otherwise the answer to send (401, 403 or 404).</summary>
    public async Task<(IUpdatableDeviceGrain? Device, IResult? Refusal)> AuthenticateAsync(HttpContext http, string tenantId, string controllerId)
    {
        if (!Identifiers.IsValidSlug(tenantId) || !Identifiers.IsValidDeviceId(controllerId))
        {
            return (null, Refuse(StatusCodes.Status404NotFound, "No such tenant or controller."));
        }

        System.Net.IPAddress? address = http.Connection.RemoteIpAddress;
        if (throttle.BlockedUntil(address) is DateTimeOffset blocked)
        {
            RetryAfter.Set(http.Response, blocked - DateTimeOffset.UtcNow);
            return (null, Refuse(StatusCodes.Status429TooManyRequests, "Too many wrong tokens from this address; try again later."));
        }

        var key = new DeviceKey(tenantId, controllerId);
        IUpdatableDeviceGrain device = grains.GetGrain<IUpdatableDeviceGrain>(key.ToString());
        string authorization = http.Request.Headers.Authorization.ToString();
        CancellationToken cancellationToken = http.RequestAborted;
        ConnectDecision decision;
        if (Credential(authorization, TargetScheme) is string token)
        {
            decision = await grains.GetGrain<IConnectedDeviceGrain>(key.ToString()).AuthorizeAsync(TokenHashes.Of(token), cancellationToken);
        }
        else if (Credential(authorization, GatewayScheme) is string gatewayToken)
        {
            DdiSettings settings = await grains.GetGrain<IDdiSettingsGrain>(tenantId).GetAsync(cancellationToken);
            if (settings.GatewayTokenHash is null || !FixedTimeEquals(settings.GatewayTokenHash, TokenHashes.Of(gatewayToken)))
            {
                Failed(address, tenantId, controllerId, "gatewayToken");
                return (null, Unauthorized(http, "The gateway token is not this tenant's."));
            }

            decision = await device.AuthorizeGatewayAsync(cancellationToken);
            if (decision == ConnectDecision.BadCredentials)
            {
                return settings.AutoRegister && settings.AutoRegisterClusterId is string clusterId
                    ? await AutoRegisterAsync(tenantId, controllerId, clusterId, device, cancellationToken)
                    : (null, Refuse(StatusCodes.Status404NotFound, $"Controller '{controllerId}' is not registered, and tenant '{tenantId}' does not register controllers automatically."));
            }
        }
        else if (ClientCertificate(http) is X509Certificate2 certificate)
        {
            using (certificate)
            {
                if (await DeviceCertificates.IdentifyAsync(grains, certificate, cancellationToken) is not var (named, serialNumber, fingerprint) || named != key)
                {
                    Failed(address, tenantId, controllerId, "certificate");
                    return (null, Unauthorized(http, "The client certificate does not name this controller."));
                }

                BasicAuthorization byCertificate = await grains.GetGrain<IConnectedDeviceGrain>(key.ToString())
                    .AuthorizeCertificateAsync(serialNumber, fingerprint, cancellationToken);
                decision = byCertificate.Decision;
            }
        }
        else
        {
            return (null, Unauthorized(http, "Send \"Authorization: TargetToken <device token>\" or \"GatewayToken <tenant gateway token>\", or a device certificate."));
        }

        if (decision == ConnectDecision.BadCredentials)
        {
            Failed(address, tenantId, controllerId, "targetToken");
        }

        return decision switch
        {
            ConnectDecision.Accepted => (device, null),
            ConnectDecision.NotAuthorized => (null, Refuse(StatusCodes.Status403Forbidden, "The device is quarantined or decommissioned, or its tenant is suspended.")),
            _ => (null, Unauthorized(http, "The target token is not this controller's.")),
        };
    }

    private async Task<(IUpdatableDeviceGrain?, IResult?)> AutoRegisterAsync(
        string tenantId, string controllerId, string clusterId, IUpdatableDeviceGrain device, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeviceRegistrationOutcome> outcome = await grains.GetGrain<IDeviceRegistrarGrain>(0)
            .RegisterAsync(tenantId, [new DeviceDraft(controllerId, controllerId, clusterId)], $"ddi-auto-register:{controllerId}", 0, cancellationToken);
        if (outcome is not [{ Succeeded: true }])
        {
            string why = string.Join("; ", outcome.SelectMany(row => row.Errors).Select(error => error.Message));
            return (null, Refuse(StatusCodes.Status409Conflict, $"Controller '{controllerId}' could not be registered: {why}"));
        }

        LogAutoRegistered(tenantId, controllerId, clusterId);
        return (device, null);
    }

    /// <summary>
    /// The client's certificate: from this connection's TLS handshake, or from the header of a trusted proxy (PEM or
    /// base64 DER, URL-encoded or not); null when there is none or it cannot be read. Only its record decides.
    /// </summary>
    private X509Certificate2? ClientCertificate(HttpContext http)
    {
        if (http.Connection.ClientCertificate is X509Certificate2 direct)
        {
            return X509CertificateLoader.LoadCertificate(direct.RawData);
        }

        DdiClientCertificateOptions settings = certificates.Value;
        if (!settings.Trusts(http.Connection.RemoteIpAddress) || http.Request.Headers[settings.Header].ToString() is not { Length: > 0 } forwarded)
        {
            return null;
        }

        try
        {
            string text = Uri.UnescapeDataString(forwarded.Trim());
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(Convert.FromBase64String(text));
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private static string? Credential(string authorization, string scheme) =>
        authorization.StartsWith(scheme + " ", StringComparison.OrdinalIgnoreCase) && authorization[(scheme.Length + 1)..].Trim() is { Length: > 0 } value
            ? value
            : null;

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = $"{TargetScheme}, {GatewayScheme}";
        return Refuse(StatusCodes.Status401Unauthorized, detail);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refuse(int status, string detail) => TypedResults.Problem(CarmenExceptionHandler.Problem(status, detail, null));

    [LoggerMessage(Level = LogLevel.Information, Message = "DDI controller {TenantId}/{ControllerId} registered automatically into cluster {ClusterId}")]
    private partial void LogAutoRegistered(string tenantId, string controllerId, string clusterId);

    /// <summary>A refused token: counted against the address, and a security event in the platform's trail (the tenant is only what the URL says).</summary>
    private void Failed(System.Net.IPAddress? address, string tenantId, string controllerId, string credential)
    {
        throttle.RecordFailure(address);
        events.Record(null, SecurityEventTypes.DdiAuthenticationFailed, new AuditActor(AuditActorKinds.Device, controllerId), ClientAddress.Normal(address),
            targetType: "controllers", targetId: controllerId, details: [("tenant", tenantId), ("credential", credential)]);
    }
}
