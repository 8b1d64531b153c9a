namespace Carmen.Api.Contracts;

/// <summary>Every business unit's share of the licensed devices and users; units left out share the rest.</summary>
public sealed record LicenseAllocationsRequest(IReadOnlyDictionary<string, UnitAllocationContract>? BusinessUnits);
