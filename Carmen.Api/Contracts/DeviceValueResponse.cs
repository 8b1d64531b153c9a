namespace Carmen.Api.Contracts;

/// <summary>A device and its latest value of the key asked about.</summary>
public sealed record DeviceValueResponse(string DeviceId, double Value);
