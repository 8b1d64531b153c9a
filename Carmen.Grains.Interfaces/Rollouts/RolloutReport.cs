namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>A target's news about its rollout action (from a device, or a tenant's application record).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RolloutReport")]
public sealed record RolloutReport(
    [property: Id(0)] string TargetId,
    [property: Id(1)] long ActionId,
    [property: Id(2)] RolloutReportKind Kind,
    [property: Id(3)] string? Detail = null)
{
    /// <summary>How a settled action is reported: finished, failed, or (anything else) canceled.</summary>
    public static RolloutReportKind KindOf(Updates.ActionStatus settled) => settled switch
    {
        Updates.ActionStatus.Finished => RolloutReportKind.Finished,
        Updates.ActionStatus.Error => RolloutReportKind.Failed,
        _ => RolloutReportKind.Canceled,
    };
}
