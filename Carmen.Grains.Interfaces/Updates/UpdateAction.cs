namespace Carmen.Grains.Interfaces.Updates;

/// <summary>An update action on one device: what it installs, its state, and the device's feedback (newest last, bounded).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.UpdateAction")]
public sealed record UpdateAction(
    [property: Id(0)] long Id,
    [property: Id(1)] Deployment Deployment,
    [property: Id(2)] ActionType Type,
    [property: Id(3)] ActionStatus Status,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] IReadOnlyList<ActionFeedback> Feedback,
    [property: Id(7)] DateTimeOffset? ForceTime = null,
    [property: Id(8)] MaintenanceWindow? MaintenanceWindow = null,
    [property: Id(12)] Rollouts.RolloutLink? Rollout = null,
    [property: Id(10)] long? PreviousDistributionSetId = null,
    [property: Id(11)] int Revision = 0)
{
    /// <summary>Whether the action still expects work from the device.</summary>
    public bool IsActive => Status is ActionStatus.Running or ActionStatus.Downloading or ActionStatus.Downloaded
        or ActionStatus.Canceling or ActionStatus.WaitingForConfirmation;
}
