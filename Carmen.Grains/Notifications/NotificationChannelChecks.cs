using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Notifications;
using MimeKit;

namespace Carmen.Grains.Notifications;

/// <summary>What a channel or a mail server must be before it is saved, each fault naming its field.</summary>
public static class NotificationChannelChecks
{
    private const int MaxRecipients = 50;

    /// <summary>The longest mail address SMTP carries (RFC 5321's path limit less its angle brackets).</summary>
    private const int MaxAddressLength = 254;

    public static NotificationChannelDraft Check(NotificationChannelDraft draft, long? channelId, IEnumerable<NotificationChannel> existing)
    {
        string name = draft.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw CarmenException.Invalid("name", "name is 1 to 100 characters.");
        }

        if (existing.Any(channel => channel.Id != channelId && string.Equals(channel.Definition.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw CarmenException.Conflict($"A notification channel named '{name}' exists already.", "name");
        }

        if (draft.AccessEvents && draft.Type != NotificationChannelType.Webhook)
        {
            throw CarmenException.Invalid("accessEvents", "Only webhooks receive access events.");
        }

        if (draft.SecurityEvents && draft.Type != NotificationChannelType.Webhook)
        {
            throw CarmenException.Invalid("securityEvents", "Only webhooks receive security events.");
        }

        if (draft.LicenseEvents && draft.Type != NotificationChannelType.Webhook)
        {
            throw CarmenException.Invalid("licenseEvents", "Only webhooks receive license events.");
        }

        return draft.Type == NotificationChannelType.Email
            ? new NotificationChannelDraft(name, draft.Type, Recipients: Recipients(draft.Recipients))
            : new NotificationChannelDraft(name, draft.Type, Url(draft.Url), Secret(draft), AccessEvents: draft.AccessEvents, SecurityEvents: draft.SecurityEvents, LicenseEvents: draft.LicenseEvents);
    }

    public static SmtpSettings Check(SmtpSettings settings)
    {
        if (Uri.CheckHostName(settings.Host) == UriHostNameType.Unknown || settings.Host.Length > 255)
        {
            throw CarmenException.Invalid("host", "host is the mail server's host name or address.");
        }

        if (settings.Port is < 1 or > 65535)
        {
            throw CarmenException.Invalid("port", "port is 1 to 65535.");
        }

        if (settings.From is not { Length: <= MaxAddressLength } || !MailboxAddress.TryParse(settings.From, out _))
        {
            throw CarmenException.Invalid("from", $"from is a mail address of at most {MaxAddressLength} characters.");
        }

        if (settings.Username is { Length: 0 or > 255 })
        {
            throw CarmenException.Invalid("username", "username is 1 to 255 characters, or left out when the server takes mail without signing in.");
        }

        return settings;
    }

    private static string Url(string? url)
    {
        if (url is null || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw CarmenException.Invalid("url", "url is an absolute http or https address.");
        }

        return url;
    }

    private static string? Secret(NotificationChannelDraft draft)
    {
        if (draft.Secret is null)
        {
            return null;
        }

        if (draft.Type != NotificationChannelType.Webhook)
        {
            throw CarmenException.Invalid("secret", "Only a webhook channel signs with a secret; Slack's URL is its secret.");
        }

        return draft.Secret.Length is >= 16 and <= 256
            ? draft.Secret
            : throw CarmenException.Invalid("secret", "secret is 16 to 256 characters.");
    }

    private static IReadOnlyList<string> Recipients(IReadOnlyList<string>? recipients)
    {
        if (recipients is null || recipients.Count is 0 or > MaxRecipients)
        {
            throw CarmenException.Invalid("recipients", $"An email channel has 1 to {MaxRecipients} recipients.");
        }

        for (int i = 0; i < recipients.Count; i++)
        {
            if (!MailboxAddress.TryParse(recipients[i], out _) || !recipients[i].Contains('@', StringComparison.Ordinal))
            {
                throw CarmenException.Invalid($"recipients[{i}]", $"'{recipients[i]}' is not a mail address.");
            }
        }

        return [.. recipients.Select(recipient => recipient.Trim())];
    }
}
