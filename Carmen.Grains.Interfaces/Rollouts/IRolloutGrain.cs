namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// One staged rollout (key from <see cref="RolloutKeys.Rollout"/>). It holds the plan and per-batch counters only;
/// the devices live in batch grains of up to a thousand, so a rollout over 100,000 devices stays small. A reminder
/// keeps it running across silo restarts; each step is idempotent.
/// </summary>
[Alias("Carmen.IRolloutGrain")]
public interface IRolloutGrain : IGrainWithStringKey
{
    /// <summary>Creates the rollout; devices are selected and grouped in the background (status <see cref="RolloutStatus.Creating"/>).</summary>
    [Alias("Create")]
    Task<RolloutInfo> CreateAsync(RolloutSpec spec, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>The rollout with its counters; not found when it does not exist.</summary>
    [Alias("Get")]
    Task<RolloutInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The rollout, or null when it does not exist: a listing skips an id whose creation never completed (the
    /// directory reserves the id before the rollout is written, and a node lost in between leaves it behind).
    /// </summary>
    [Alias("Find")]
    Task<RolloutInfo?> FindAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> of the rollout's devices, optionally of one state and one group, in notification order.</summary>
    [Alias("ListDevices")]
    Task<IReadOnlyList<RolloutMemberInfo>> ListDevicesAsync(MemberStatus? status, int? group, int limit, CancellationToken cancellationToken = default);

    /// <summary>Starts a ready rollout with its first group.</summary>
    [Alias("Start")]
    Task<RolloutInfo> StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops notifying devices; actions under way continue.</summary>
    [Alias("Pause")]
    Task<RolloutInfo> PauseAsync(string by, CancellationToken cancellationToken = default);

    /// <summary>Continues a paused rollout; failures already counted no longer trip the error condition.</summary>
    [Alias("Resume")]
    Task<RolloutInfo> ResumeAsync(CancellationToken cancellationToken = default);

    /// <summary>Ends the rollout: devices not yet notified are dropped, actions under way are canceled.</summary>
    [Alias("Cancel")]
    Task<RolloutInfo> CancelAsync(string by, CancellationToken cancellationToken = default);

    /// <summary>Approves the rollout (when it waits for approval) or the next group (when a group waits for it).</summary>
    [Alias("Approve")]
    Task<RolloutInfo> ApproveAsync(string by, CancellationToken cancellationToken = default);

    /// <summary>Refuses the rollout, or the next group (which ends the rollout there).</summary>
    [Alias("Deny")]
    Task<RolloutInfo> DenyAsync(string by, string? remark, CancellationToken cancellationToken = default);

    /// <summary>Starts the next group now, whatever the current group's success condition says.</summary>
    [Alias("TriggerNext")]
    Task<RolloutInfo> TriggerNextAsync(CancellationToken cancellationToken = default);

    /// <summary>Notifies the failed devices of started groups again; a finished or paused rollout runs again.</summary>
    [Alias("Retry")]
    Task<RolloutInfo> RetryAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the rollout and its device listing. Refused while it creates, runs or is paused, and while an ended
    /// rollout still withdraws or rolls back actions: it would lose track of them.
    /// </summary>
    [Alias("Delete")]
    Task DeleteAsync(CancellationToken cancellationToken = default);
}
