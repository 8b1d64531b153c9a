namespace Carmen.Api.Contracts;

/// <summary>What a user may do at a scope, and the assignments (at it, or inherited from above) it comes from.</summary>
public sealed record EffectivePermissionsResponse(
    string UserId, AccessScopeContract Scope, IReadOnlyList<string> Permissions, IReadOnlyList<RoleAssignmentResponse> Assignments);
