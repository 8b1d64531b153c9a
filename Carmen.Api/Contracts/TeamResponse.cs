using System.Text.Json;
using Carmen.Grains.Interfaces.Escalation;

namespace Carmen.Api.Contracts;

/// <summary>A saved team.</summary>
public sealed record TeamResponse(
    long Id,
    string Name,
    IReadOnlyList<string> Members,
    IReadOnlyList<TerritoryContract> Territories,
    IReadOnlyList<long> ChannelIds,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TeamResponse From(Team team)
    {
        TeamDraft definition = team.Definition;
        return new TeamResponse(
            team.Id, definition.Name, definition.Members,
            [.. definition.Territories.Select(territory => new TerritoryContract(JsonNamingPolicy.CamelCase.ConvertName(territory.Kind.ToString()), territory.Id))],
            definition.ChannelIds, team.CreatedAt, team.UpdatedAt);
    }
}
