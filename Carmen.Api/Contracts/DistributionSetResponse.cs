using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>A distribution set: the fields of <see cref="CreateDistributionSetRequest"/>, its id and when it was created.</summary>
public sealed record DistributionSetResponse(
    long Id,
    string Name,
    string Version,
    IReadOnlyList<long> Modules,
    IReadOnlyList<string> DeviceTypes,
    string? Description,
    DateTimeOffset CreatedAt)
{
    public static DistributionSetResponse From(DistributionSetInfo set) =>
        new(set.Id, set.Name, set.Version, set.Modules, set.DeviceTypes, set.Description, set.CreatedAt);
}
