namespace Carmen.Api.Contracts;

/// <summary>Claims a device that made itself claimable, by its name and the secret it offered, into a cluster.</summary>
public sealed record ClaimDeviceRequest(string? DeviceName, string? SecretKey, string? ClusterId);
