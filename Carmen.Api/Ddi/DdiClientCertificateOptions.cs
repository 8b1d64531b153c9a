using System.Net;

namespace Carmen.Api.Ddi;

/// <summary>
/// "Carmen:Ddi:ClientCertificates": DDI sign-in with a device certificate behind a TLS-terminating proxy (hawkBit's
/// certificate authentication). The proxy verifies the client's certificate and forwards it in <see cref="Header"/>;
/// Carmen believes that header only from the addresses in <see cref="TrustedProxies"/>, and there are none by default.
/// </summary>
public sealed class DdiClientCertificateOptions
{
    public const string SectionName = "Carmen:Ddi:ClientCertificates";

    /// <summary>The header holding the client's certificate: PEM or base64 DER, URL-encoded or not (nginx's <c>$ssl_client_escaped_cert</c>, Traefik's, HAProxy's).</summary>
    public string Header { get; set; } = "X-SSL-Client-Cert";

    /// <summary>Addresses of the proxies whose header is believed; empty: none is.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Whether a request from <paramref name="address"/> comes through a trusted proxy.</summary>
    public bool Trusts(IPAddress? address) =>
        address is not null && TrustedProxies.Any(proxy => IPAddress.TryParse(proxy, out IPAddress? trusted)
            && (trusted.Equals(address) || (address.IsIPv4MappedToIPv6 && trusted.Equals(address.MapToIPv4()))));
}
