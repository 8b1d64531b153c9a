using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// What a rollout installs, on which targets, in which stages, how fast, when, and what counts as success or failure.
/// A device rollout (<see cref="TargetKind"/> devices) installs <see cref="DistributionSetId"/>; a tenant rollout (a
/// platform rollout of the application configuration) applies <see cref="ReleaseId"/>. A target held by another
/// rollout of equal or higher <see cref="Priority"/>, or by a manual assignment, is skipped; one held by a
/// lower-priority rollout is taken over.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutSpec")]
public sealed record RolloutSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] long? DistributionSetId,
    [property: Id(2)] ActionType ActionType,
    [property: Id(3)] TargetFilter Targets,
    [property: Id(4)] IReadOnlyList<RolloutGroupSpec> Groups,
    [property: Id(5)] SuccessCondition Success,
    [property: Id(6)] ErrorCondition? Error = null,
    [property: Id(7)] Pacing? Pacing = null,
    [property: Id(8)] MaintenanceWindow? MaintenanceWindow = null,
    [property: Id(9)] HealthGate? HealthGate = null,
    [property: Id(10)] bool RequireApproval = false,
    [property: Id(11)] int Priority = 0,
    [property: Id(12)] TimeSpan? InProgressTimeout = null,
    [property: Id(13)] int MaxRetries = 0,
    [property: Id(14)] DateTimeOffset? ForceTime = null,
    [property: Id(15)] string? Description = null,
    [property: Id(16)] RolloutTargetKind TargetKind = RolloutTargetKind.Devices,
    [property: Id(17)] long? ReleaseId = null,
    [property: Id(18)] bool ConfirmationRequired = false);
