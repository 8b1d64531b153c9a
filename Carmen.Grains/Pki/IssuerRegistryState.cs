namespace Carmen.Grains.Pki;

[GenerateSerializer, Alias("Carmen.IssuerRegistryState")]
public sealed class IssuerRegistryState
{
    [Id(0)] public string? TenantId { get; set; }
}
