namespace Carmen.Api.Contracts;

/// <summary>
/// A staged rollout of a distribution set: which devices (targetFilter), in which groups, the conditions between
/// groups, pacing, a maintenance window, a health gate, approval, priority against overlapping rollouts, and the
/// per-device in-progress timeout ("HH:MM:SS") with retries, and whether each device must confirm before it starts. A platform application rollout takes the same body with
/// <see cref="ReleaseId"/> instead of <see cref="DistributionSetId"/> and tenants (targetFilter.tenantIds) as targets.
/// </summary>
public sealed record CreateRolloutRequest(
    string? Name,
    long? DistributionSetId,
    IReadOnlyList<RolloutGroupContract>? Groups,
    TargetFilterContract? TargetFilter = null,
    string? ActionType = null,
    long? ForceTime = null,
    SuccessConditionContract? SuccessCondition = null,
    ErrorConditionContract? ErrorCondition = null,
    PacingContract? Pacing = null,
    MaintenanceWindowContract? MaintenanceWindow = null,
    HealthGateContract? HealthGate = null,
    bool RequireApproval = false,
    int Priority = 0,
    string? InProgressTimeout = null,
    int MaxRetries = 0,
    string? Description = null,
    long? ReleaseId = null,
    bool ConfirmationRequired = false);
