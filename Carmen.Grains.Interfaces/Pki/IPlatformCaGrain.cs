namespace Carmen.Grains.Interfaces.Pki;

/// <summary>The platform's root CA (one grain, key <see cref="Key"/>): it signs the tenants' device CAs and nothing else.</summary>
[Alias("Carmen.PlatformCa")]
public interface IPlatformCaGrain : IGrainWithStringKey
{
    /// <summary>The one key the platform root lives under.</summary>
    const string Key = "platform";

    /// <summary>The root certificate (DER), created with its key on first use.</summary>
    [Alias("GetRoot")]
    Task<byte[]> GetRootAsync(CancellationToken cancellationToken = default);

    /// <summary>Signs a tenant's CA from its PKCS#10 request (DER): a CA certificate for that tenant, path length 0, until <paramref name="notAfter"/> at most.</summary>
    [Alias("SignTenantCa")]
    Task<byte[]> SignTenantCaAsync(string tenantId, byte[] certificationRequest, DateTimeOffset notAfter, CancellationToken cancellationToken = default);
}
