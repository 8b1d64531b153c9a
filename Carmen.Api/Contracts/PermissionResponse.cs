namespace Carmen.Api.Contracts;

/// <summary>One permission of the catalogue, and the built-in roles that hold it.</summary>
public sealed record PermissionResponse(string Name, string Description, IReadOnlyList<string> BuiltInRoles);
