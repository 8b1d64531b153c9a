namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>The device grain's side of an incident (keyed by <see cref="Devices.DeviceKey"/>).</summary>
[Alias("Carmen.IIncidentTargetGrain")]
public interface IIncidentTargetGrain : IGrainWithStringKey
{
    /// <summary>Runs the incident's device actions (quarantine, token rotation, disconnect) in one call; idempotent.</summary>
    [Alias("Contain")]
    Task<ContainedDevice> ContainAsync(DeviceContainment containment, CancellationToken cancellationToken = default);

    /// <summary>Lifts the isolation the incident put on the device (not one another incident or an operator put there); false when it had none.</summary>
    [Alias("ReleaseIsolation")]
    Task<bool> ReleaseIsolationAsync(long incidentId, CancellationToken cancellationToken = default);
}
