namespace Carmen.Api.Contracts;

/// <summary>A tenant administrator asks for a license to be renewed (or, without licenseId, for a new one).</summary>
public sealed record FileRenewalRequest(string? LicenseId, string? Note);
