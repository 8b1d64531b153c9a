using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.ApiKeys;

namespace Carmen.Api.Contracts;

/// <summary>
/// A role assignment of a user (<see cref="UserId"/>) or a service account (<see cref="ServiceAccountId"/>).
/// <see cref="FromUserRole"/> marks a user's tenant-wide role (id 0), which changes with the user
/// (PATCH .../users/{username}) rather than on its own.
/// </summary>
public sealed record RoleAssignmentResponse(
    long Id, string? UserId, string Role, AccessScopeContract Scope, bool Propagate, DateTimeOffset GrantedAt, string GrantedBy, bool FromUserRole,
    string? ServiceAccountId = null)
{
    public static RoleAssignmentResponse From(RoleAssignment assignment) => new(
        assignment.Id, ServiceAccounts.IdOf(assignment.Principal) is null ? assignment.Principal : null, assignment.RoleId,
        AccessScopeContract.From(assignment.Scope), assignment.Propagate, assignment.GrantedAt, assignment.GrantedBy, assignment.Id == 0,
        ServiceAccounts.IdOf(assignment.Principal));
}
