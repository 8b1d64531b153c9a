namespace Carmen.Grains.ApiKeys;

[GenerateSerializer, Alias("Carmen.ApiKeyState")]
public sealed class ApiKeyState
{
    [Id(0)] public string TenantId { get; set; } = "";
    [Id(1)] public string Principal { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public string Hash { get; set; } = "";
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public string CreatedBy { get; set; } = "";
    [Id(6)] public DateTimeOffset? ExpiresAt { get; set; }
    [Id(7)] public DateTimeOffset? RevokedAt { get; set; }
    [Id(8)] public DateTimeOffset? LastUsedAt { get; set; }
    [Id(9)] public string? LastUsedFrom { get; set; }
}
