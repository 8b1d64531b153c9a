using Carmen.Grains.Interfaces.Audit;
using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>
/// One security incident over a set of a tenant's devices (keyed by <see cref="IncidentKeys.Of"/>): opening it runs
/// the chosen actions on every device in the background, each step recorded in the audit trail with the incident's id;
/// releasing it lifts isolation and enrollment blocks device by device.
/// </summary>
[Alias("Carmen.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>Opens the incident: resolves its devices and starts their actions; answers at once with the progress so far.</summary>
    [Alias("Open")]
    Task<IncidentInfo> OpenAsync(IncidentSpec spec, CancellationToken cancellationToken = default);

    /// <summary>The incident, or null when there is none under this id.</summary>
    [Alias("Find"), ReadOnly]
    Task<IncidentInfo?> FindAsync(CancellationToken cancellationToken = default);

    /// <summary>Its devices in the order they were taken, <paramref name="limit"/> from <paramref name="offset"/>, optionally only those in one status.</summary>
    [Alias("ListDevices"), ReadOnly]
    Task<IReadOnlyList<IncidentDevice>> ListDevicesAsync(int offset, int limit, IncidentDeviceStatus? status, CancellationToken cancellationToken = default);

    /// <summary>Lifts isolation and the enrollment block on every contained device; refused while the actions still run.</summary>
    [Alias("Release")]
    Task<IncidentInfo> ReleaseAsync(AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Erases the record (the tenant is being deleted).</summary>
    [Alias("Erase")]
    Task EraseAsync(CancellationToken cancellationToken = default);
}
