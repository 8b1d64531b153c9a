namespace Carmen.Grains.Provisioning;

[GenerateSerializer, Alias("Carmen.ProvisioningDirectoryState")]
public sealed class ProvisioningDirectoryState
{
    [Id(0)] public SortedSet<string> Keys { get; set; } = new(StringComparer.Ordinal);
}
