using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Security;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Notifications;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Carmen.Grains.Security;

/// <summary>
/// Tells an administrator of a sign-in from an address or browser not among the last 20 seen: a mail through the
/// tenant's (or the platform's) mail server. The first sign-in is only remembered.
/// </summary>
[GrainType("sign-in-clients")]
public sealed partial class SignInClientsGrain(
    [PersistentState("sign-in-clients", StorageNames.Users)] IPersistentState<SignInClientsState> clients,
    MailTransport mail,
    TimeProvider time,
    ILogger<SignInClientsGrain> logger) : Grain, ISignInClientsGrain
{
    private const int Kept = 20;

    public async Task<bool> NoteAsync(string address, string? userAgent, string? email, CancellationToken cancellationToken)
    {
        bool first = clients.State.Addresses.Count == 0;
        bool newAddress = !clients.State.Addresses.Contains(address);
        bool newAgent = userAgent is not null && !clients.State.UserAgents.Contains(userAgent);
        bool moved = Remember(clients.State.Addresses, address) | (userAgent is string agent && Remember(clients.State.UserAgents, agent));
        if (moved)
        {
            await clients.WriteStateAsync(cancellationToken);
        }

        if (first || !(newAddress || newAgent))
        {
            return false;
        }

        if (email is not null)
        {
            await MailAsync(email, address, userAgent, cancellationToken);
        }

        return true;
    }

    /// <summary>Puts <paramref name="value"/> first; true when the list changed.</summary>
    private static bool Remember(List<string> seen, string value)
    {
        if (seen is [string latest, ..] && latest == value)
        {
            return false;
        }

        seen.Remove(value);
        seen.Insert(0, value);
        if (seen.Count > Kept)
        {
            seen.RemoveAt(Kept);
        }

        return true;
    }

    private async Task MailAsync(string email, string address, string? userAgent, CancellationToken cancellationToken)
    {
        (string? tenantId, string username) = UserKeys.Parse(this.GetPrimaryKeyString());
        SmtpSettings? smtp = tenantId is null
            ? await GrainFactory.GetGrain<INotificationChannelsGrain>(IPlatformHealthGrain.AlertScope).GetSmtpAsync(cancellationToken)
            : await MailServers.ForTenantAsync(GrainFactory, tenantId, cancellationToken);
        if (smtp is null)
        {
            LogNoMailServer(username);
            return;
        }

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(email));
        message.Subject = "New sign-in to your Carmen account";
        message.Headers.Add("X-Carmen-Security", "signIn.newClient");
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Hello {username},

                Your account{(tenantId is null ? "" : $" in tenant {tenantId}")} was just signed in to from an address or browser it has not used lately:

                  when:     {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC
                  address:  {address}
                  browser:  {userAgent ?? "(not given)"}

                If this was you, there is nothing to do. If not, change your password now and tell your administrator.
                """,
        };
        try
        {
            await mail.SendAsync(smtp, message, CancellationToken.None);
        }
        catch (Exception failure) // the mail server's trouble is logged; the sign-in is recorded as a security event anyway
        {
            LogMailFailed(username, failure.GetBaseException().Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No mail server to tell {Username} of a sign-in from a new address")]
    private partial void LogNoMailServer(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail to {Username} about a sign-in from a new address failed: {Error}")]
    private partial void LogMailFailed(string username, string error);
}
