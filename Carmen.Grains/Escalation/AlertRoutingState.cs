using Carmen.Grains.Interfaces.Escalation;

namespace Carmen.Grains.Escalation;

[GenerateSerializer, Alias("Carmen.AlertRoutingState")]
public sealed class AlertRoutingState
{
    [Id(0)] public Dictionary<long, Team> Teams { get; set; } = [];
    [Id(1)] public long LastTeamId { get; set; }
    [Id(2)] public Dictionary<long, EscalationPath> Paths { get; set; } = [];
    [Id(3)] public long LastPathId { get; set; }

    /// <summary>Escalations under way, by alert id.</summary>
    [Id(4)] public Dictionary<string, EscalationEntry> Escalations { get; set; } = [];
}
