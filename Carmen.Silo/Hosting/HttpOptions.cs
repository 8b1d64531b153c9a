using System.ComponentModel.DataAnnotations;

namespace Carmen.Silo.Hosting;

/// <summary>"Carmen:Http": where the REST API listens unless ASPNETCORE_URLS (or --urls) says otherwise.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "Carmen:Http";

    [Range(1, 65535)]
    public int Port { get; set; } = 5080;

    /// <summary>Loopback by default; set 0.0.0.0 (or a NIC's address) to serve other machines.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>
    /// HTTPS beside HTTP, served when <see cref="CertificatePath"/> names a PKCS#12 (.pfx) file: it asks clients for
    /// a certificate (and takes a connection without one), so DDI devices sign in with their device certificates.
    /// </summary>
    [Range(1, 65535)]
    public int HttpsPort { get; set; } = 5443;

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
