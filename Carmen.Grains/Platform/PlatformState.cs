namespace Carmen.Grains.Platform;

[GenerateSerializer, Alias("Carmen.PlatformState")]
public sealed class PlatformState
{
    [Id(0)] public SortedSet<string> TenantIds { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public bool Bootstrapped { get; set; }
}
