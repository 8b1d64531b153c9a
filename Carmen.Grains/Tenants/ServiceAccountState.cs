namespace Carmen.Grains.Tenants;

/// <summary>A service account as stored with the tenant's access.</summary>
[GenerateSerializer, Alias("Carmen.ServiceAccountState")]
public sealed class ServiceAccountState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public string CreatedBy { get; set; } = "";
    [Id(3)] public List<string> KeyIds { get; set; } = [];
}
