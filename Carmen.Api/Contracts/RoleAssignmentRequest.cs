namespace Carmen.Api.Contracts;

/// <summary>
/// Gives a user (<c>userId</c>) or a service account (<c>serviceAccountId</c>) a role at a scope; <c>propagate: false</c>
/// keeps it to that node (not its clusters or devices).
/// </summary>
public sealed record RoleAssignmentRequest(string? UserId, string? Role, AccessScopeContract? Scope, bool? Propagate, string? ServiceAccountId = null);
