namespace Carmen.Api.Contracts;

/// <summary>Creates a software module: type (for example "os", "application"), name, version, optional metadata.</summary>
public sealed record CreateSoftwareModuleRequest(
    string? Name,
    string? Version,
    string? Type,
    string? Vendor = null,
    string? Description = null,
    IReadOnlyList<ModuleMetadataContract>? Metadata = null);
