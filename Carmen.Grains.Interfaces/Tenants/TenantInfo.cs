namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>A tenant as seen by operators.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantInfo")]
public sealed record TenantInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] TenantStatus Status,
    [property: Id(4)] IReadOnlyDictionary<string, string> Settings,
    [property: Id(5)] TenantLimits Limits,
    [property: Id(6)] int DeviceCount,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string? SuspensionReason,
    [property: Id(9)] int UserCount = 0);
