using Carmen.Grains.Interfaces.Applications;

namespace Carmen.Grains.Applications;

[GenerateSerializer, Alias("Carmen.ApplicationCatalogState")]
public sealed class ApplicationCatalogState
{
    [Id(0)] public long LastId { get; set; }
    [Id(1)] public List<ApplicationRelease> Releases { get; set; } = [];
}
