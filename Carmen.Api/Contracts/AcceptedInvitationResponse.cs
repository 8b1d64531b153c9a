using Carmen.Grains.Interfaces.Invitations;

namespace Carmen.Api.Contracts;

/// <summary>Who holds the invited role now; sign in with that username, its password and the tenant.</summary>
public sealed record AcceptedInvitationResponse(string TenantId, string Username, string Role, AccessScopeContract Scope, bool NewUser)
{
    public static AcceptedInvitationResponse From(AcceptedInvitation accepted) =>
        new(accepted.TenantId, accepted.Username, accepted.RoleId, AccessScopeContract.From(accepted.Scope), accepted.NewUser);
}
