using System.ComponentModel.DataAnnotations;

namespace Carmen.Grains.Rollouts;

/// <summary>How often a running rollout ticks: hands out its notification budget, collects counters, checks conditions.</summary>
public sealed class RolloutOptions
{
    public const string SectionName = "Carmen:Rollouts";

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);
}
