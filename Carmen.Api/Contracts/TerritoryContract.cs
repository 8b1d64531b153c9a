namespace Carmen.Api.Contracts;

/// <summary>A business unit or cluster a team covers.</summary>
public sealed record TerritoryContract(string? Type = null, string? Id = null);
