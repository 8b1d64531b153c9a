using Carmen.Grains.Interfaces.Invitations;

namespace Carmen.Api.Contracts;

/// <summary>The latest mail of an invitation: when the mail server took it, or why it did not (resend once fixed).</summary>
public sealed record InvitationMailContract(DateTimeOffset? SentAt, string? Error)
{
    public static InvitationMailContract From(InvitationMail mail) => new(mail.SentAt, mail.Error);
}
