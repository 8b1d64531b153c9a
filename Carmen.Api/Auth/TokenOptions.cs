using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Auth;

public sealed class TokenOptions
{
    public const string SectionName = "Carmen:Auth";

    [Required]
    public string Issuer { get; set; } = "carmen";

    [Required]
    public string Audience { get; set; } = "carmen-api";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each API process re-reads the signing keys, so a rotation elsewhere reaches it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
