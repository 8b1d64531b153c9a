namespace Carmen.Api.Contracts;

/// <summary>A license just issued: as the tenant now holds it, and its signed document to hand over or keep.</summary>
public sealed record IssuedLicenseResponse(LicenseResponse License, LicenseDocumentContract Document);
