namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// Registers batches of devices: validates every draft, asks the tenant once per batch for quota and clusters,
/// then registers the valid drafts in parallel. A stateless worker, so batches from many callers run side by side.
/// </summary>
[Alias("Carmen.IDeviceRegistrarGrain")]
public interface IDeviceRegistrarGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Registers <paramref name="drafts"/> into <paramref name="tenantId"/>; each draft succeeds or fails alone and
    /// nothing of a failed draft is created. <paramref name="firstIndex"/> numbers the outcomes.
    /// </summary>
    [Alias("Register")]
    Task<IReadOnlyList<DeviceRegistrationOutcome>> RegisterAsync(
        string tenantId,
        IReadOnlyList<DeviceDraft> drafts,
        string requestId,
        int firstIndex,
        CancellationToken cancellationToken = default);
}
