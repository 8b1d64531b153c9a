using Carmen.Grains.Interfaces.Invitations;

namespace Carmen.Api.Contracts;

/// <summary>An invitation; its link is only ever in the invitee's mail.</summary>
public sealed record InvitationResponse(
    string Id, string Email, string Role, AccessScopeContract Scope, bool Propagate, InvitationStatus Status, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset ExpiresAt, string? AcceptedBy, InvitationMailContract Mail, IReadOnlyList<InvitationEventContract> History)
{
    public static InvitationResponse From(InvitationInfo invitation) => new(
        invitation.Id, invitation.Email, invitation.RoleId, AccessScopeContract.From(invitation.Scope), invitation.Propagate, invitation.Status,
        invitation.CreatedAt, invitation.CreatedBy, invitation.ExpiresAt, invitation.AcceptedBy, InvitationMailContract.From(invitation.Mail),
        [.. invitation.History.Select(InvitationEventContract.From)]);
}
