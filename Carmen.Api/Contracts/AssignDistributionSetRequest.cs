namespace Carmen.Api.Contracts;

/// <summary>
/// Assigns a distribution set to a device: actionType forced (default), soft, timeForced (with forceTime, Unix ms) or
/// downloadOnly, an optional maintenance window, and whether the device must confirm before it starts (hawkBit's
/// confirmation flow: the action waits for confirmation unless the device auto-confirms).
/// </summary>
public sealed record AssignDistributionSetRequest(
    long? DistributionSetId,
    string? ActionType = null,
    long? ForceTime = null,
    MaintenanceWindowContract? MaintenanceWindow = null,
    bool ConfirmationRequired = false);
