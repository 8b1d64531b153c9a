using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Updates;

[GenerateSerializer, Alias("Carmen.SoftwareCatalogState")]
public sealed class SoftwareCatalogState
{
    /// <summary>The last id handed out; modules and distribution sets share the sequence, so an id names one thing.</summary>
    [Id(0)] public long LastId { get; set; }
    [Id(1)] public Dictionary<long, SoftwareModuleInfo> Modules { get; set; } = [];
    [Id(2)] public Dictionary<long, DistributionSetInfo> DistributionSets { get; set; } = [];
}
