using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Contracts;

/// <summary>One recorded change of access: who, from where, when, and what it gave or took.</summary>
public sealed record AccessChangeResponse(
    long Sequence, DateTimeOffset At, AccessChangeKind Kind, string By, string? Address, string? UserId, string Role,
    AccessScopeContract? Scope, long? AssignmentId, string? Detail)
{
    public static AccessChangeResponse From(AccessChange change) => new(
        change.Sequence, change.At, change.Kind, change.By, change.Address, change.Principal, change.RoleId,
        change.Scope is null ? null : AccessScopeContract.From(change.Scope), change.AssignmentId, change.Detail);
}
