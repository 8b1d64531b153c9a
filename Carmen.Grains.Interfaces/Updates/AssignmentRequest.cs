namespace Carmen.Grains.Interfaces.Updates;

/// <summary>What to put on a device: the resolved distribution set, how insistently, and when installing may happen.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AssignmentRequest")]
public sealed record AssignmentRequest(
    [property: Id(0)] Deployment Deployment,
    [property: Id(1)] ActionType Type,
    [property: Id(2)] DateTimeOffset? ForceTime = null,
    [property: Id(3)] MaintenanceWindow? MaintenanceWindow = null,
    [property: Id(5)] Rollouts.RolloutLink? Rollout = null,
    [property: Id(6)] bool ConfirmationRequired = false);
