namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>How a channel delivers a notification.</summary>
public enum NotificationChannelType
{
    /// <summary>An HTTP POST of Carmen's JSON, signed with HMAC-SHA256 in <c>X-Carmen-Signature</c>.</summary>
    Webhook,

    /// <summary>A Slack-compatible incoming webhook: a POST of <c>{"text": ...}</c> with a colored attachment.</summary>
    Slack,

    /// <summary>A mail to the channel's recipients through the tenant's SMTP server.</summary>
    Email,
}
