namespace Carmen.Api.Contracts;

/// <summary>
/// A team as written: <c>{"name","members":["user"],"territories":[{"type":"businessUnit|cluster","id"}],"channelIds":[1]}</c>.
/// No territories: the team covers the whole tenant.
/// </summary>
public sealed record TeamRequest(
    string? Name = null,
    IReadOnlyList<string>? Members = null,
    IReadOnlyList<TerritoryContract>? Territories = null,
    IReadOnlyList<long>? ChannelIds = null);
