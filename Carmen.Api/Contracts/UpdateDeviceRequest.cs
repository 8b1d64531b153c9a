namespace Carmen.Api.Contracts;

/// <summary>
/// Members left out are unchanged. <c>quarantined: true</c> isolates the device, <c>false</c> releases it;
/// <c>gateway: true</c> lets it publish for devices behind it (ThingsBoard's gateway API), taking effect at its next connection.
/// </summary>
public sealed record UpdateDeviceRequest(string? Name, string? Type, IReadOnlyList<string>? Labels, string? ClusterId, bool? Quarantined, bool? Gateway);
