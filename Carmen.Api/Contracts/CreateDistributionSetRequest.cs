namespace Carmen.Api.Contracts;

/// <summary>Creates a distribution set from module ids, optionally limited to device types.</summary>
public sealed record CreateDistributionSetRequest(
    string? Name,
    string? Version,
    IReadOnlyList<long>? Modules,
    IReadOnlyList<string>? DeviceTypes = null,
    string? Description = null);
