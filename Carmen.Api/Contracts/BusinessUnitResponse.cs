using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Api.Contracts;

/// <summary>A business unit with its clusters.</summary>
public sealed record BusinessUnitResponse(string Id, string Name, IReadOnlyList<ClusterResponse> Clusters)
{
    public static BusinessUnitResponse From(BusinessUnitInfo unit) => new(unit.Id, unit.Name, [.. unit.Clusters.Select(ClusterResponse.From)]);
}
