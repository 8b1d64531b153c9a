using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>What a batch puts on its targets (devices or tenants) and how it treats them; the same for every batch of a rollout.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BatchPlan")]
public sealed record BatchPlan(
    [property: Id(0)] Deployment Deployment,
    [property: Id(1)] ActionType ActionType,
    [property: Id(2)] int Priority,
    [property: Id(3)] DateTimeOffset? ForceTime = null,
    [property: Id(4)] MaintenanceWindow? MaintenanceWindow = null,
    [property: Id(5)] HealthGate? HealthGate = null,
    [property: Id(6)] TimeSpan? InProgressTimeout = null,
    [property: Id(7)] int MaxRetries = 0,
    [property: Id(8)] RolloutTargetKind TargetKind = RolloutTargetKind.Devices,
    [property: Id(9)] bool ConfirmationRequired = false);
