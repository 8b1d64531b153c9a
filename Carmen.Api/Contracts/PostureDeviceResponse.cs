namespace Carmen.Api.Contracts;

/// <summary>A device of a posture finding, and what the check saw.</summary>
public sealed record PostureDeviceResponse(string DeviceId, string ClusterId, string Detail);
