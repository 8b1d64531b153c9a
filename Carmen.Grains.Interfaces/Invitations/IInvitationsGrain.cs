using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>
/// A tenant's invitations, keyed by tenant id: an administrator of a scope invites an address to a role there, Carmen
/// mails a single-use link (only its hash kept), and the invitee accepts it with a new or existing account.
/// </summary>
[Alias("Carmen.IInvitationsGrain")]
public interface IInvitationsGrain : ITenantRecordGrain
{
    /// <summary>Invites; refused when the actor could not grant the role there, or the tenant's users and pending invitations fill its user limit.</summary>
    [Alias("Invite")]
    Task<InvitationInfo> InviteAsync(InvitationDraft draft, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>The invitations, newest first, optionally of one status.</summary>
    [Alias("List")]
    Task<IReadOnlyList<InvitationInfo>> ListAsync(InvitationStatus? status, CancellationToken cancellationToken = default);

    /// <summary>One invitation.</summary>
    [Alias("Get")]
    Task<InvitationInfo> GetAsync(string invitationId, CancellationToken cancellationToken = default);

    /// <summary>Mails a new link (the old one stops working) with a fresh lifetime; for pending and expired invitations.</summary>
    [Alias("Resend")]
    Task<InvitationInfo> ResendAsync(string invitationId, string baseUrl, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a pending invitation; its link stops working.</summary>
    [Alias("Revoke")]
    Task<InvitationInfo> RevokeAsync(string invitationId, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>What the link's page shows; not found for a token that names no invitation of this tenant.</summary>
    [Alias("Preview")]
    Task<InvitationPreview> PreviewAsync(string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses the link: a new username and password create the account; an existing user of the tenant proves it with its
    /// password. The invitee then holds the role. Gone (<see cref="ErrorKind.Conflict"/>) when the link is used, expired or revoked.
    /// </summary>
    [Alias("Accept")]
    Task<AcceptedInvitation> AcceptAsync(string token, string username, string password, string? address, CancellationToken cancellationToken = default);

    /// <summary>Uses the link for a user the tenant's identity provider has just signed in (the invitation's page offers it).</summary>
    [Alias("AcceptSignedIn")]
    Task<AcceptedInvitation> AcceptSignedInAsync(string token, string username, string? address, CancellationToken cancellationToken = default);
}
