using Carmen.Grains.Interfaces.ApiKeys;

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
    /// <summary>The addresses the key was used from, with when each was first seen (the latest 100).</summary>
    [Id(10)] public Dictionary<string, DateTimeOffset> Addresses { get; set; } = [];
    /// <summary>When the key was last reported for being used from many addresses.</summary>
    [Id(11)] public DateTimeOffset? ManyAddressesReportedAt { get; set; }
    /// <summary>The key a rotation made in this one's place.</summary>
    [Id(12)] public string? ReplacedBy { get; set; }
    /// <summary>The latest failed calls signed with the key, newest first.</summary>
    [Id(13)] public List<ApiKeyError> RecentErrors { get; set; } = [];
}
