using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Hosting;

/// <summary>"Carmen:Orleans" as the API process reads it: which cluster to join (the silos' ClusterId and ServiceId).</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = "Carmen:Orleans";

    [Required]
    public string ClusterId { get; set; } = "carmen";

    [Required]
    public string ServiceId { get; set; } = "carmen";
}
