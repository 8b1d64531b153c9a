using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Contracts;

/// <summary>A user with access to a scope, directly or inherited from above, and the assignment it comes from.</summary>
public sealed record AccessHolderResponse(string UserId, string Role, bool Inherited, RoleAssignmentResponse Assignment)
{
    public static AccessHolderResponse From(AccessHolder holder) =>
        new(holder.Principal, holder.Assignment.RoleId, holder.Inherited, RoleAssignmentResponse.From(holder.Assignment));
}
