using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// One bulk import of up to <see cref="MaxRows"/> devices, keyed by "{tenantId}/{importId}". It keeps the rows and
/// their outcomes durably and works through them in batches in the background, resuming after a restart.
/// </summary>
[Alias("Carmen.IDeviceImportGrain")]
public interface IDeviceImportGrain : IGrainWithStringKey
{
    /// <summary>The most rows one import takes.</summary>
    const int MaxRows = 10_000;

    /// <summary>Starts the import; conflict when this id was already used.</summary>
    [Alias("Start")]
    Task<DeviceImportStatus> StartAsync(IReadOnlyList<DeviceDraft> drafts, CancellationToken cancellationToken = default);

    /// <summary>Progress, with the per-row outcomes when <paramref name="includeRows"/> is set.</summary>
    [Alias("GetStatus")]
    Task<DeviceImportStatus> GetStatusAsync(bool includeRows, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <paramref name="timeout"/> for the import to complete, then answers as <see cref="GetStatusAsync"/>.</summary>
    // Interleaves so a waiting caller never holds up the batches it is waiting for.
    [Alias("WaitForCompletion"), AlwaysInterleave]
    Task<DeviceImportStatus> WaitForCompletionAsync(TimeSpan timeout, bool includeRows, CancellationToken cancellationToken = default);
}
