using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// The rollout side of a device grain (same grain and key as the device). Every call is idempotent, so a batch may
/// repeat any of them after a restart.
/// </summary>
[Alias("Carmen.IRolloutTargetGrain")]
public interface IRolloutTargetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Gives the device the rollout's action unless it is held by a manual assignment or a rollout of equal or higher
    /// priority; a lower-priority rollout's action is superseded. Repeating the call answers the same action.
    /// </summary>
    [Alias("Accept")]
    Task<RolloutDispatch> AcceptAsync(AssignmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>The action's state now; null when the device no longer has it.</summary>
    [Alias("GetActionStatus")]
    Task<ActionStatus?> GetActionStatusAsync(long actionId, CancellationToken cancellationToken = default);

    /// <summary>Asks the device to cancel the action if it is still active; answers its state.</summary>
    [Alias("Withdraw")]
    Task<ActionStatus?> WithdrawAsync(long actionId, CancellationToken cancellationToken = default);

    /// <summary>Ends a still-active action in error because it ran past its time; answers its state.</summary>
    [Alias("Expire")]
    Task<ActionStatus?> ExpireAsync(long actionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Closes the health gate window of the action: healthy unless the telemetry broke the expression or the device fell silent.</summary>
    [Alias("ConcludeHealthWatch")]
    Task<HealthVerdict> ConcludeHealthWatchAsync(long actionId, CancellationToken cancellationToken = default);
}
