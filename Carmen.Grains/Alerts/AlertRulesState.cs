using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Grains.Alerts;

[GenerateSerializer, Alias("Carmen.AlertRulesState")]
public sealed class AlertRulesState
{
    [Id(0)] public Dictionary<long, AlertRule> Rules { get; set; } = [];

    [Id(1)] public long LastId { get; set; }

    /// <summary>Grows with every change, so caches of the rules know when to fetch them again.</summary>
    [Id(2)] public long Version { get; set; }
}
