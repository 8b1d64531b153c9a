using Carmen.Grains.Interfaces.Posture;

namespace Carmen.Grains.Posture;

[GenerateSerializer, Alias("Carmen.TenantPostureState")]
public sealed class TenantPostureState
{
    [Id(0)] public PostureSettings? Settings { get; set; }

    [Id(1)] public PostureReport? Report { get; set; }

    /// <summary>Shared-credential sightings, oldest first, bounded; the check reads those within its window.</summary>
    [Id(2)] public List<SharedCredentialSighting> Sightings { get; set; } = [];

    [Id(3)] public bool Scheduled { get; set; }
}
