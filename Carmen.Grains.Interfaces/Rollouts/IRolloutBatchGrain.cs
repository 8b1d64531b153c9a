using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// Up to a thousand targets of one rollout group (key from <see cref="RolloutKeys.Batch"/>): devices, or tenants in
/// an application rollout ("device" below stands for either). It notifies them as the rollout's budget allows, hears
/// their outcomes, times them out, retries, cancels and rolls back. Only counters go up to the rollout.
/// </summary>
[Alias("Carmen.IRolloutBatchGrain")]
public interface IRolloutBatchGrain : IGrainWithStringKey
{
    /// <summary>Sets the batch's devices (in notification order) and plan; repeating it before any dispatch is harmless.</summary>
    [Alias("Initialize")]
    Task InitializeAsync(BatchPlan plan, IReadOnlyList<string> targetIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="budget"/> devices to notify (in the background), checks timeouts and health windows,
    /// saves what changed, and answers its counters.
    /// </summary>
    [Alias("Tick")]
    Task<BatchProgress> TickAsync(int budget, CancellationToken cancellationToken = default);

    /// <summary>The batch's devices, optionally only those in one state, in notification order (group left 0 for the caller to fill).</summary>
    [Alias("ListMembers"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RolloutMemberInfo>> ListMembersAsync(MemberStatus? status, CancellationToken cancellationToken = default);

    /// <summary>A device's news; one-way, so a device never waits on its rollout (a lost report is recovered by reconciling).</summary>
    [OneWay, Alias("Report")]
    Task ReportAsync(RolloutReport report);

    /// <summary>A device's answer to the action posted to it, sent when it took the post; one-way, like a report.</summary>
    [OneWay, Alias("Taken")]
    Task TakenAsync(string deviceId, RolloutDispatch answer);

    /// <summary>Drops devices not yet notified and cancels actions under way.</summary>
    [Alias("Cancel")]
    Task<BatchProgress> CancelAsync(CancellationToken cancellationToken = default);

    /// <summary>Cancels what is under way and puts updated and failed devices back on their previous distribution set.</summary>
    [Alias("Rollback")]
    Task<BatchProgress> RollbackAsync(CancellationToken cancellationToken = default);

    /// <summary>Schedules the failed devices to be notified again; answers how many.</summary>
    [Alias("RetryFailed")]
    Task<int> RetryFailedAsync(CancellationToken cancellationToken = default);

    /// <summary>Erases the batch (its rollout is deleted), recalling posts no device took.</summary>
    [Alias("Erase")]
    Task EraseAsync(CancellationToken cancellationToken = default);
}
