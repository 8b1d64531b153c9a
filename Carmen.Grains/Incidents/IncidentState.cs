using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Incidents;

namespace Carmen.Grains.Incidents;

[GenerateSerializer, Alias("Carmen.IncidentState")]
public sealed class IncidentState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public IncidentStatus Status { get; set; }
    [Id(2)] public List<IncidentAction> Actions { get; set; } = [];
    [Id(3)] public AuditActor OpenedBy { get; set; } = AuditActor.System;
    [Id(4)] public DateTimeOffset OpenedAt { get; set; }
    [Id(5)] public DateTimeOffset? ContainedAt { get; set; }
    [Id(6)] public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>The clusters whose devices the opener may act on (null: all); the release acts within them too.</summary>
    [Id(7)] public List<string>? AllowedClusterIds { get; set; }

    /// <summary>The devices in the order they were taken; the work goes through them in that order.</summary>
    [Id(8)] public List<IncidentDevice> Devices { get; set; } = [];

    [Id(9)] public List<IncidentEvent> Timeline { get; set; } = [];

    /// <summary>Who asked for the release, in whose name it goes on after a restart.</summary>
    [Id(10)] public AuditActor? ReleasedBy { get; set; }
}
