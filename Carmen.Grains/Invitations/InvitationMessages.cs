using MimeKit;

namespace Carmen.Grains.Invitations;

/// <summary>The mail that carries an invitation's link, with the instructions to sign in afterwards.</summary>
internal static class InvitationMessages
{
    public static MimeMessage Invitation(string from, InvitationRecord invitation, string tenantId, string tenantName, string roleName, string link)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(invitation.Email));
        message.Subject = $"You are invited to {tenantName} on Carmen";
        message.Headers.Add("X-Carmen-Invitation", invitation.Id);
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {invitation.CreatedBy} invites you to {tenantName} as {roleName} ({invitation.Scope.Describe()}).

                Open this link to accept, before {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC:

                {link}

                On that page, choose a username and a password (or, if you already have an account in {tenantName},
                give its username and password). Then sign in with your username, your password and the tenant
                "{tenantId}": in Carmen's clients, or with POST /api/v1/auth/token {"{"}"username", "password", "tenant"{"}"}.

                The link works once. If you did not expect this invitation, ignore this mail: nothing happens unless
                the link is used.
                """,
        };
        return message;
    }
}
