using Carmen.Grains.Interfaces.Applications;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>A release offered to a tenant: which, how (type, force time, maintenance window), where it stands and who decided.</summary>
public sealed record ApplicationActionResponse(
    long Id,
    long ReleaseId,
    string Version,
    ActionType Type,
    ActionStatus Status,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ActionRolloutResponse? Rollout,
    long? PreviousReleaseId,
    DateTimeOffset? ForceTime,
    string? Reason,
    string? DecidedBy,
    MaintenanceWindowContract? MaintenanceWindow)
{
    public static ApplicationActionResponse? From(ApplicationAction? action) => action is null
        ? null
        : new(action.Id, action.ReleaseId, action.Version, action.Type, action.Status, action.IsActive, action.CreatedAt, action.UpdatedAt,
            ActionRolloutResponse.From(action.Rollout), action.PreviousReleaseId, action.ForceTime, action.Reason, action.DecidedBy,
            MaintenanceWindowContract.From(action.MaintenanceWindow));
}
