namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// A page request over a tenant's devices. Filters combine with AND; <see cref="ClusterIds"/> matches any of its
/// clusters (a business-unit filter arrives here as that unit's clusters); every label in <see cref="Labels"/> must be present;
/// <see cref="GatewayId"/> lists the children of one gateway.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceQuery")]
public sealed record DeviceQuery(
    [property: Id(0)] IReadOnlyList<string>? ClusterIds = null,
    [property: Id(1)] DeviceStatus? Status = null,
    [property: Id(2)] IReadOnlyList<string>? Labels = null,
    [property: Id(3)] string? Type = null,
    [property: Id(4)] string? FirmwareVersion = null,
    [property: Id(5)] string? NamePrefix = null,
    [property: Id(6)] DeviceSortField Sort = DeviceSortField.Name,
    [property: Id(7)] bool Descending = false,
    [property: Id(8)] int PageSize = DeviceQuery.DefaultPageSize,
    [property: Id(9)] string? ContinuationToken = null,
    [property: Id(10)] string? GatewayId = null)
{
    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Largest page served.</summary>
    public const int MaxPageSize = 1000;
}
