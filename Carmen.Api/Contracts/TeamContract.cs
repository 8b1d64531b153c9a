namespace Carmen.Api.Contracts;

/// <summary>
/// A team as written: <c>{"name","members":["user"],"territories":[{"type":"businessUnit|cluster","id"}],"channelIds":[1]}</c>.
/// No territories: the team covers the whole tenant.
/// </summary>
public sealed record TeamContract(
    string? Name = null,
    IReadOnlyList<string>? Members = null,
    IReadOnlyList<TerritoryContract>? Territories = null,
    IReadOnlyList<long>? ChannelIds = null);

/// <summary>A business unit or cluster a team covers.</summary>
public sealed record TerritoryContract(string? Type = null, string? Id = null);
