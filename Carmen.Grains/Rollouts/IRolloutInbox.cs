using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// Rollout actions posted to devices in bulk: a batch writes one row per device in one statement instead of waking
/// a thousand device grains, and each device takes what was posted to it when it next wakes (activation, DDI poll,
/// MQTT connect, or a ping while it is connected). A table per store (the embedded store, or PostgreSQL in a
/// cluster); this is the whole surface a store must implement.
/// </summary>
public interface IRolloutInbox
{
    /// <summary>Posts the batch's request to these devices (replacing an earlier post of the same rollout); completes once durable.</summary>
    Task PostAsync(string tenantId, AssignmentRequest request, IReadOnlyList<string> deviceIds, CancellationToken cancellationToken = default);

    /// <summary>What is posted to the device, oldest first.</summary>
    Task<IReadOnlyList<AssignmentRequest>> PeekAsync(DeviceKey device, CancellationToken cancellationToken = default);

    /// <summary>Removes the device's post from this rollout once the device took it.</summary>
    Task RemoveAsync(DeviceKey device, long rolloutId, CancellationToken cancellationToken = default);

    /// <summary>Withdraws the batch's posts that no device took yet, and the batch's request with them; answers those devices.</summary>
    Task<IReadOnlyList<string>> RecallAsync(string tenantId, long rolloutId, int batch, CancellationToken cancellationToken = default);

    /// <summary>How many posts not yet taken install the distribution set.</summary>
    Task<long> CountPostedAsync(string tenantId, long distributionSetId, CancellationToken cancellationToken = default);
}
