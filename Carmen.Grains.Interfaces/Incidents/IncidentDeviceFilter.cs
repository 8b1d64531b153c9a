namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>
/// The devices an incident takes, when it names none: filters combine with AND, as a device listing's do
/// (<see cref="ClusterIds"/> matches any of its clusters; every label must be present). <see cref="PostureFinding"/>
/// takes the devices of that finding in the tenant's latest posture report, and combines with clusters only.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.IncidentDeviceFilter")]
public sealed record IncidentDeviceFilter(
    [property: Id(0)] IReadOnlyList<string>? ClusterIds = null,
    [property: Id(1)] IReadOnlyList<string>? Labels = null,
    [property: Id(2)] string? Type = null,
    [property: Id(3)] string? FirmwareVersion = null,
    [property: Id(4)] Posture.PostureFindingKind? PostureFinding = null);
