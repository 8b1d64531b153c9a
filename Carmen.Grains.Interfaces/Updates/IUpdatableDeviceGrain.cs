namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// The update side of a device grain (same grain and key as the device): its installed and target distribution set,
/// its actions, and what the device reports about them over DDI or MQTT.
/// </summary>
[Alias("Carmen.IUpdatableDeviceGrain")]
public interface IUpdatableDeviceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates an action installing the deployment. A still-active action for another distribution set is canceled
    /// (superseded, as in hawkBit); assigning the installed set or the current target again is a conflict.
    /// </summary>
    [Alias("Assign")]
    Task<UpdateAction> AssignAsync(AssignmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Takes the rollout actions posted to the device (a batch pings a connected device so it need not wait for its next wake).</summary>
    [Alias("TakePostedActions")]
    Task TakePostedActionsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Switches the device's auto-confirm on (confirming the action waiting for it now) or off; answers the device's
    /// update situation afterwards.
    /// </summary>
    [Alias("SetAutoConfirm")]
    Task<DeviceUpdateStatus> SetAutoConfirmAsync(AutoConfirmation? autoConfirm, CancellationToken cancellationToken = default);

    /// <summary>The device's actions, newest first (bounded history).</summary>
    [Alias("GetActions")]
    Task<IReadOnlyList<UpdateAction>> GetActionsAsync(CancellationToken cancellationToken = default);

    /// <summary>One action; not found when the device has no such action.</summary>
    [Alias("GetAction")]
    Task<UpdateAction> GetActionAsync(long actionId, CancellationToken cancellationToken = default);

    /// <summary>Asks the device to cancel an active action (it confirms through feedback); a scheduled one is canceled at once.</summary>
    [Alias("CancelAction")]
    Task<UpdateAction> CancelActionAsync(long actionId, CancellationToken cancellationToken = default);

    /// <summary>What the DDI root answer shows the device.</summary>
    [Alias("GetUpdateStatus")]
    Task<DeviceUpdateStatus> GetUpdateStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>An action as offered now (download/update handling, maintenance window); not found for an unknown action.</summary>
    [Alias("GetOffer")]
    Task<DeploymentOffer> GetOfferAsync(long actionId, CancellationToken cancellationToken = default);

    /// <summary>Records the device's feedback on an action; <see cref="FeedbackOutcome.Gone"/> when the action is over.</summary>
    [Alias("ReportFeedback")]
    Task<FeedbackOutcome> ReportFeedbackAsync(long actionId, ActionFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>Stores the device's attributes sent as DDI configData (JSON texts), combined as the mode says.</summary>
    [Alias("PutConfigData")]
    Task PutConfigDataAsync(IReadOnlyDictionary<string, string> data, ConfigDataMode mode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a request for this device made with the tenant's gateway token may be served: bad credentials when the
    /// device is not registered (the caller may auto-register it), not authorized when it is quarantined or
    /// decommissioned or its tenant suspended.
    /// </summary>
    [Alias("AuthorizeGateway")]
    Task<Connectivity.ConnectDecision> AuthorizeGatewayAsync(CancellationToken cancellationToken = default);

    /// <summary>The artifact, when one of the device's actions (or its installed set) includes it: a device downloads only what it is given.</summary>
    [Alias("FindDownload")]
    Task<ArtifactInfo?> FindDownloadAsync(long moduleId, string fileName, CancellationToken cancellationToken = default);

    /// <summary>The firmware a device without DDI fetches over MQTT in chunks: the artifact of its action now, or null when there is none it may install.</summary>
    [Alias("GetFirmware")]
    Task<ArtifactInfo?> GetFirmwareAsync(CancellationToken cancellationToken = default);
}
