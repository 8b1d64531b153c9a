using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>
/// A rollout as it was asked for, in the very shape of <see cref="CreateRolloutRequest"/> (so a rollout read back can be
/// posted again to repeat it), followed by where it stands: status, per-group sizes and counters, who created and
/// approved it and when it ran. <see cref="TargetKind"/> is devices for a tenant's rollout, tenants for an application's.
/// </summary>
public sealed record RolloutResponse(
    long Id,
    string Name,
    string? Description,
    long? DistributionSetId,
    long? ReleaseId,
    ActionType ActionType,
    long? ForceTime,
    TargetFilterContract? TargetFilter,
    IReadOnlyList<RolloutGroupResponse> Groups,
    SuccessConditionContract? SuccessCondition,
    ErrorConditionContract? ErrorCondition,
    PacingContract? Pacing,
    MaintenanceWindowContract? MaintenanceWindow,
    HealthGateContract? HealthGate,
    bool RequireApproval,
    int Priority,
    string? InProgressTimeout,
    int MaxRetries,
    bool ConfirmationRequired,
    RolloutTargetKind TargetKind,
    RolloutStatus Status,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string? ApprovedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    int TotalTargets,
    RolloutCountsResponse Counts,
    double CompletedPercentage)
{
    public static RolloutResponse From(RolloutInfo rollout)
    {
        RolloutSpec spec = rollout.Spec;
        return new RolloutResponse(
            rollout.Id, rollout.Name, rollout.Description, spec.DistributionSetId, spec.ReleaseId, spec.ActionType,
            spec.ForceTime?.ToUnixTimeMilliseconds(), TargetFilterContract.From(spec.Targets),
            [.. spec.Groups.Select((group, index) => RolloutGroupResponse.From(group, rollout.Groups.ElementAtOrDefault(index)))],
            SuccessConditionContract.From(spec.Success), ErrorConditionContract.From(spec.Error), PacingContract.From(spec.Pacing),
            MaintenanceWindowContract.From(spec.MaintenanceWindow), HealthGateContract.From(spec.HealthGate), spec.RequireApproval,
            spec.Priority, Durations.Format(spec.InProgressTimeout), spec.MaxRetries, spec.ConfirmationRequired, rollout.TargetKind,
            rollout.Status, rollout.StatusReason, rollout.CreatedAt, rollout.CreatedBy, rollout.ApprovedBy, rollout.StartedAt,
            rollout.EndedAt, rollout.TotalTargets, RolloutCountsResponse.From(rollout.Counts), rollout.CompletedPercentage);
    }
}
