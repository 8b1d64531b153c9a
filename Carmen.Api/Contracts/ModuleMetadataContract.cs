namespace Carmen.Api.Contracts;

/// <summary>A metadata entry of a software module; devices see it only when visibleToDevice is true.</summary>
public sealed record ModuleMetadataContract(string? Key, string? Value, bool VisibleToDevice = false);
