using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>
/// What an incident is opened with: its title, its devices (ids, or a filter), the actions run on each, who opened it,
/// and the clusters whose devices the opener may act on (null: every cluster); a device elsewhere is not found.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.IncidentSpec")]
public sealed record IncidentSpec(
    [property: Id(0)] string Title,
    [property: Id(1)] IReadOnlyList<string>? DeviceIds,
    [property: Id(2)] IncidentDeviceFilter? Filter,
    [property: Id(3)] IReadOnlyList<IncidentAction> Actions,
    [property: Id(4)] AuditActor OpenedBy,
    [property: Id(5)] IReadOnlyList<string>? AllowedClusterIds)
{
    /// <summary>The most devices one incident takes.</summary>
    public const int MaxDevices = 100_000;

    /// <summary>The longest title.</summary>
    public const int MaxTitleLength = 200;
}
