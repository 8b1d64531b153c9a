using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Api.Contracts;

/// <summary>
/// A saved channel and how its deliveries went. Secrets are never shown: a webhook says whether it has one (and so signs), and a Slack
/// URL (whose path is its credential) shows its host alone.
/// </summary>
public sealed record NotificationChannelResponse(
    long Id,
    NotificationChannelType Type,
    string Name,
    string? Url,
    bool HasSecret,
    IReadOnlyList<string>? Recipients,
    bool AccessEvents,
    bool SecurityEvents,
    bool LicenseEvents,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ChannelDeliveriesResponse Deliveries)
{
    public static NotificationChannelResponse From(NotificationChannel channel)
    {
        NotificationChannelDraft definition = channel.Definition;
        string? url = definition.Type == NotificationChannelType.Slack && definition.Url is string slack
            ? new Uri(slack).GetLeftPart(UriPartial.Authority) + "/…"
            : definition.Url;
        return new NotificationChannelResponse(
            channel.Id, definition.Type, definition.Name, url, definition.Secret is not null, definition.Recipients, definition.AccessEvents, definition.SecurityEvents, definition.LicenseEvents,
            channel.CreatedAt, channel.UpdatedAt, ChannelDeliveriesResponse.From(channel.Stats));
    }
}
