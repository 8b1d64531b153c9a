namespace Carmen.Grains.Interfaces.Invitations;

/// <summary>Where an invitation stands.</summary>
[GenerateSerializer, Alias("Carmen.InvitationStatus")]
public enum InvitationStatus
{
    /// <summary>Mailed and not yet used; its link works until it expires.</summary>
    Pending = 0,

    /// <summary>Used: the invitee holds the role.</summary>
    Accepted = 1,

    /// <summary>Not used in time; resending issues a new link.</summary>
    Expired = 2,

    /// <summary>Withdrawn by an administrator; its link no longer works.</summary>
    Revoked = 3,
}
