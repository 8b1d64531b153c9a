namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>
/// What an incident asks of one device's grain. A device outside <see cref="AllowedClusterIds"/> (null: every
/// cluster) is not found, as it is for the incident's opener.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceContainment")]
public sealed record DeviceContainment(
    [property: Id(0)] long IncidentId,
    [property: Id(1)] bool Quarantine,
    [property: Id(2)] bool RotateTokens,
    [property: Id(3)] bool Disconnect,
    [property: Id(4)] IReadOnlyList<string>? AllowedClusterIds);
