using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>
/// An update action of a device: what it deploys, how (type, force time, maintenance window), where it stands, the device's
/// feedback history, the rollout that sent it, and the set it replaces (for rollback). <see cref="Revision"/> grows with
/// every change a device must notice.
/// </summary>
public sealed record UpdateActionResponse(
    long Id,
    DeploymentResponse Deployment,
    ActionType Type,
    ActionStatus Status,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ActionFeedbackResponse> Feedback,
    DateTimeOffset? ForceTime,
    MaintenanceWindowContract? MaintenanceWindow,
    ActionRolloutResponse? Rollout,
    long? PreviousDistributionSetId,
    int Revision)
{
    public static UpdateActionResponse From(UpdateAction action) => new(
        action.Id, DeploymentResponse.From(action.Deployment), action.Type, action.Status, action.IsActive, action.CreatedAt,
        action.UpdatedAt, [.. action.Feedback.Select(ActionFeedbackResponse.From)], action.ForceTime,
        MaintenanceWindowContract.From(action.MaintenanceWindow), ActionRolloutResponse.From(action.Rollout),
        action.PreviousDistributionSetId, action.Revision);
}
