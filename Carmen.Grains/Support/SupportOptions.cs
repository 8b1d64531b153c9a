using System.ComponentModel.DataAnnotations;

namespace Carmen.Grains.Support;

/// <summary>Support tickets (<c>Carmen:Support</c>).</summary>
public sealed class SupportOptions
{
    public const string SectionName = "Carmen:Support";

    /// <summary>How long after it was solved a requester's reply opens a ticket again; past it, the ticket is closed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);
}
