namespace Carmen.EdgeAgent.Configuration;

/// <summary>
/// The device's own certificate, made and renewed by the agent: with <see cref="EnrollmentToken"/> (a one-time token
/// from <c>POST /api/v1/tenants/{t}/devices/{d}/enrollment-tokens</c>) it makes a key on the device, sends Carmen a
/// CSR, and from then on signs in to MQTT with the certificate; it renews over MQTT when
/// <see cref="RenewWhenRemainingPercent"/> of the certificate's lifetime is left.
/// </summary>
public sealed class CertificateOptions
{
    public string? EnrollmentToken { get; set; }

    /// <summary>The device's tenant and id, which the enrollment address names.</summary>
    public string? TenantId { get; set; }

    public string? DeviceId { get; set; }

    public int RenewWhenRemainingPercent { get; set; } = 33;

    public bool Enrolls => !string.IsNullOrWhiteSpace(EnrollmentToken);
}
