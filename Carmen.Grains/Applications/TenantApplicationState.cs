using Carmen.Grains.Interfaces.Applications;

namespace Carmen.Grains.Applications;

[GenerateSerializer, Alias("Carmen.TenantApplicationState")]
public sealed class TenantApplicationState
{
    [Id(0)] public AppliedRelease? Current { get; set; }
    [Id(1)] public string? Configuration { get; set; }

    /// <summary>Versions the tenant ran, oldest first; bounded.</summary>
    [Id(2)] public List<AppliedRelease> History { get; set; } = [];

    /// <summary>Recent actions, oldest first; bounded, but always holding the active one.</summary>
    [Id(3)] public List<ApplicationAction> Actions { get; set; } = [];

    [Id(4)] public long LastActionId { get; set; }
}
