using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>A metadata entry of a software module; devices see it only when visibleToDevice is true.</summary>
public sealed record ModuleMetadataContract(string? Key, string? Value, bool VisibleToDevice = false)
{
    public static ModuleMetadataContract From(ModuleMetadata entry) => new(entry.Key, entry.Value, entry.VisibleToDevice);
}
