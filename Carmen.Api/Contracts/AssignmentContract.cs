namespace Carmen.Api.Contracts;

/// <summary>
/// Assigns a distribution set to a device: actionType forced (default), soft, timeForced (with forceTime, Unix ms) or
/// downloadOnly, and an optional maintenance window.
/// </summary>
public sealed record AssignmentContract(
    long? DistributionSetId,
    string? ActionType = null,
    long? ForceTime = null,
    MaintenanceWindowContract? MaintenanceWindow = null);
