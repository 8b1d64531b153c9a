using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>A tenant's incidents (keyed by tenant id): hands out incident ids and lists them; erasing it erases them.</summary>
[Alias("Carmen.IIncidentDirectoryGrain")]
public interface IIncidentDirectoryGrain : ITenantRecordGrain
{
    /// <summary>A new incident id, recorded in the listing.</summary>
    [Alias("Reserve")]
    Task<long> ReserveAsync(CancellationToken cancellationToken = default);

    /// <summary>Every incident id, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<long>> ListAsync(CancellationToken cancellationToken = default);
}
