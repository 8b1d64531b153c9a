using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Updates;

/// <summary>What a module, an artifact name or a distribution set must look like; errors name the request field.</summary>
internal static class CatalogRules
{
    public const int MaxNameLength = 128;
    public const int MaxVersionLength = 64;

    public const int MaxMetadataEntries = 100;

    public static SoftwareModuleSpec Normalize(SoftwareModuleSpec spec)
    {
        List<ModuleMetadata> metadata = [.. spec.Metadata ?? []];
        if (metadata.Count > MaxMetadataEntries)
        {
            throw CarmenException.Invalid("metadata", $"A module has at most {MaxMetadataEntries} metadata entries; this one has {metadata.Count}.");
        }

        foreach ((ModuleMetadata entry, int index) in metadata.Select((entry, index) => (entry, index)))
        {
            Text(entry.Key, $"metadata[{index}].key", MaxNameLength);
            if (entry.Value is null || entry.Value.Length > 4096)
            {
                throw CarmenException.Invalid($"metadata[{index}].value", "A metadata value is at most 4096 characters.");
            }
        }

        if (metadata.GroupBy(entry => entry.Key, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } repeated)
        {
            throw CarmenException.Invalid("metadata", $"Metadata key '{repeated.Key}' appears more than once.");
        }

        return spec with
        {
            Name = Text(spec.Name, "name", MaxNameLength),
            Version = Text(spec.Version, "version", MaxVersionLength),
            Type = Identifiers.IsValidSlug(spec.Type?.Trim().ToLowerInvariant())
                ? spec.Type!.Trim().ToLowerInvariant()
                : throw CarmenException.Invalid("type", "A module type is 2 to 63 lower-case letters, digits or '-' (for example \"os\" or \"application\")."),
            Vendor = Optional(spec.Vendor, "vendor"),
            Description = Optional(spec.Description, "description"),
            Metadata = metadata,
        };
    }

    public static DistributionSetSpec Normalize(DistributionSetSpec spec)
    {
        if (spec.Modules is null || spec.Modules.Count == 0)
        {
            throw CarmenException.Invalid("modules", "A distribution set holds at least one software module.");
        }

        if (spec.Modules.Distinct().Count() != spec.Modules.Count)
        {
            throw CarmenException.Invalid("modules", "A module appears more than once.");
        }

        return spec with
        {
            Name = Text(spec.Name, "name", MaxNameLength),
            Version = Text(spec.Version, "version", MaxVersionLength),
            DeviceTypes = [.. (spec.DeviceTypes ?? []).Select((type, index) => Text(type, $"deviceTypes[{index}]", MaxNameLength)).Distinct(StringComparer.Ordinal)],
            Description = Optional(spec.Description, "description"),
        };
    }

    /// <summary>A file name as devices will see it in a URL path segment: no separators, no control characters.</summary>
    public static string FileName(string? name)
    {
        string text = Text(name, "filename", 255);
        if (text is "." or ".." || text.Any(c => c is '/' or '\\' || char.IsControl(c)))
        {
            throw CarmenException.Invalid("filename", "A file name is 1 to 255 characters without '/', '\\' or control characters.");
        }

        return text;
    }

    private static string Text(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > maxLength
            ? throw CarmenException.Invalid(field, $"Required: 1 to {maxLength} characters.")
            : value.Trim();

    private static string? Optional(string? value, string field) =>
        value is null ? null : value.Length > 4096 ? throw CarmenException.Invalid(field, "At most 4096 characters.") : value;
}
