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
}
