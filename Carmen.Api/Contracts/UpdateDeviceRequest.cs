namespace Carmen.Api.Contracts;

/// <summary>Members left out are unchanged. <c>quarantined: true</c> isolates the device, <c>false</c> releases it.</summary>
public sealed record UpdateDeviceRequest(string? Name, string? Type, IReadOnlyList<string>? Labels, string? ClusterId, bool? Quarantined);
