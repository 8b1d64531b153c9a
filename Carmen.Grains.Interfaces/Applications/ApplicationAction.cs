using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Interfaces.Applications;

/// <summary>
/// A release on its way to one tenant. A forced action applies as soon as it arrives (rollouts only dispatch inside
/// their maintenance window); a soft one waits for the tenant's administrator to accept or reject it, a time-forced one
/// until its force time.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ApplicationAction")]
public sealed record ApplicationAction(
    [property: Id(0)] long Id,
    [property: Id(1)] long ReleaseId,
    [property: Id(2)] string Version,
    [property: Id(3)] ActionType Type,
    [property: Id(4)] ActionStatus Status,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] RolloutLink? Rollout,
    [property: Id(8)] long? PreviousReleaseId,
    [property: Id(9)] DateTimeOffset? ForceTime = null,
    [property: Id(10)] string? Reason = null,
    [property: Id(11)] string? DecidedBy = null,
    [property: Id(12)] MaintenanceWindow? MaintenanceWindow = null)
{
    /// <summary>Still waiting to be applied, accepted or rejected.</summary>
    public bool IsActive => Status == ActionStatus.WaitingForConfirmation;
}
