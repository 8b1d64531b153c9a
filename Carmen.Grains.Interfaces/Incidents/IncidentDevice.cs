namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>One device of an incident, with the outcome of each action on it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.IncidentDevice")]
public sealed record IncidentDevice(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] IncidentDeviceStatus Status,
    [property: Id(2)] string? ClusterId,
    [property: Id(3)] IReadOnlyList<IncidentStep> Steps,
    [property: Id(4)] DateTimeOffset? ContainedAt,
    [property: Id(5)] DateTimeOffset? ReleasedAt);
