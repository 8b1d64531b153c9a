namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// A device's update situation, as its DDI root answer needs it: the installed distribution set and the action that
/// installed it, the action the device should work on now (running, or being canceled) as offered at this moment (the
/// maintenance window open or not), and whether Carmen wants its attributes.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceUpdateStatus")]
public sealed record DeviceUpdateStatus(
    [property: Id(0)] long? InstalledDistributionSetId,
    [property: Id(1)] long? InstalledActionId,
    [property: Id(2)] DeploymentOffer? ActiveOffer,
    [property: Id(3)] bool ConfigDataWanted,
    [property: Id(4)] long? TargetDistributionSetId = null,
    [property: Id(5)] AutoConfirmation? AutoConfirm = null)
{
    /// <summary>The action the device should work on now, if any.</summary>
    public UpdateAction? ActiveAction => ActiveOffer?.Action;
}
