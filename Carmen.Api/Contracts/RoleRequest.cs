namespace Carmen.Api.Contracts;

/// <summary>A custom role: an id (on POST), a name and permissions from the catalogue (GET /api/v1/permissions).</summary>
public sealed record RoleRequest(string? Id, string? Name, IReadOnlyList<string>? Permissions);
