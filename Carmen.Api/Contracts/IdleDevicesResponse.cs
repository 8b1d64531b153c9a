namespace Carmen.Api.Contracts;

/// <summary>Devices holding a seat without being heard from: how many, and the first 1,000.</summary>
public sealed record IdleDevicesResponse(int Count, IReadOnlyList<IdleDeviceResponse> Devices);
