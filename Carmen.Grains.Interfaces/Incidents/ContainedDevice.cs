namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>A device grain's answer to an incident: the cluster the device is in, and how each action asked of it went.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ContainedDevice")]
public sealed record ContainedDevice(
    [property: Id(0)] string ClusterId,
    [property: Id(1)] IReadOnlyList<IncidentStep> Steps);
