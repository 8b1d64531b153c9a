using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Contracts;

/// <summary>
/// A role assignment. <see cref="FromUserRole"/> marks a user's tenant-wide role (id 0), which changes with the user
/// (PATCH .../users/{username}) rather than on its own.
/// </summary>
public sealed record RoleAssignmentResponse(
    long Id, string UserId, string Role, AccessScopeContract Scope, bool Propagate, DateTimeOffset GrantedAt, string GrantedBy, bool FromUserRole)
{
    public static RoleAssignmentResponse From(RoleAssignment assignment) => new(
        assignment.Id, assignment.Principal, assignment.RoleId, AccessScopeContract.From(assignment.Scope), assignment.Propagate,
        assignment.GrantedAt, assignment.GrantedBy, assignment.Id == 0);
}
