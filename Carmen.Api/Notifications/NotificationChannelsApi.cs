using Carmen.Api.Access;
using Carmen.Api.Alerts;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Notifications;

/// <summary>
/// A tenant's notification channels, the dead letters of their deliveries, and the mail server email channels use.
/// Secrets go in and never come out.
/// </summary>
public static class NotificationChannelsApi
{
    /// <summary>Maps the channels under <paramref name="owner"/>: a tenant's route group, or the platform's.</summary>
    public static RouteGroupBuilder MapNotificationChannelsApi(this RouteGroupBuilder owner)
    {
        RouteGroupBuilder channels = owner.MapGroup("/notification-channels").WithTags("Notifications");
        // Tenant admins only, even to read: a webhook's URL often carries the receiver's own credential.
        channels.MapGet("/", ListAsync).RequirePermission(Permissions.AlertRulesManage);
        channels.MapPost("/", CreateAsync).RequirePermission(Permissions.AlertRulesManage);
        channels.MapGet("/{channelId:long}", GetAsync).RequirePermission(Permissions.AlertRulesManage);
        channels.MapPut("/{channelId:long}", UpdateAsync).RequirePermission(Permissions.AlertRulesManage);
        channels.MapDelete("/{channelId:long}", DeleteAsync).RequirePermission(Permissions.AlertRulesManage);
        channels.MapGet("/dead-letters", ListDeadLettersAsync).RequirePermission(Permissions.AlertsAcknowledge);
        channels.MapPost("/dead-letters/{deadLetterId:long}/redeliver", RedeliverAsync).RequirePermission(Permissions.AlertsAcknowledge);
        owner.MapGet("/settings/smtp", GetSmtpAsync).WithTags("Notifications").RequirePermission(Permissions.HierarchyManage);
        owner.MapPut("/settings/smtp", SetSmtpAsync).WithTags("Notifications").RequirePermission(Permissions.HierarchyManage);
        return owner;
    }

    public static async Task<Ok<IReadOnlyList<NotificationChannelResponse>>> ListAsync(AlertOwner scope, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<NotificationChannelResponse>>(
            [.. (await Channels(grains, scope).ListAsync(cancellationToken)).Select(NotificationChannelResponse.From)]);

    public static async Task<Created<NotificationChannelResponse>> CreateAsync(AlertOwner scope, IGrainFactory grains, NotificationChannelRequest request, CancellationToken cancellationToken)
    {
        NotificationChannel channel = await Channels(grains, scope).CreateAsync(Draft(request), cancellationToken);
        return TypedResults.Created($"{scope.BasePath}/notification-channels/{channel.Id}", NotificationChannelResponse.From(channel));
    }

    public static async Task<Ok<NotificationChannelResponse>> GetAsync(AlertOwner scope, IGrainFactory grains, long channelId, CancellationToken cancellationToken) =>
        TypedResults.Ok(NotificationChannelResponse.From(await Channels(grains, scope).GetAsync(channelId, cancellationToken)));

    public static async Task<Ok<NotificationChannelResponse>> UpdateAsync(AlertOwner scope, IGrainFactory grains, long channelId, NotificationChannelRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(NotificationChannelResponse.From(await Channels(grains, scope).UpdateAsync(channelId, Draft(request), cancellationToken)));

    public static async Task<NoContent> DeleteAsync(AlertOwner scope, IGrainFactory grains, long channelId, CancellationToken cancellationToken)
    {
        await Channels(grains, scope).DeleteAsync(channelId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<DeadLetterResponse>>> ListDeadLettersAsync(AlertOwner scope, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<DeadLetterResponse>>(
            [.. (await Channels(grains, scope).ListDeadLettersAsync(cancellationToken)).Select(DeadLetterResponse.From)]);

    public static async Task<Accepted> RedeliverAsync(AlertOwner scope, IGrainFactory grains, long deadLetterId, CancellationToken cancellationToken)
    {
        await Channels(grains, scope).RedeliverAsync(deadLetterId, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Ok<SmtpSettingsResponse>> GetSmtpAsync(AlertOwner scope, IGrainFactory grains, CancellationToken cancellationToken) =>
        await Channels(grains, scope).GetSmtpAsync(cancellationToken) is SmtpSettings settings
            ? TypedResults.Ok(SmtpSettingsResponse.Of(settings))
            : throw CarmenException.NotFound($"'{scope.OwnerId}' has no SMTP server set.");

    public static async Task<Ok<SmtpSettingsResponse>> SetSmtpAsync(AlertOwner scope, IGrainFactory grains, SmtpSettingsRequest request, CancellationToken cancellationToken)
    {
        var settings = new SmtpSettings(
            request.Host ?? throw CarmenException.Invalid("host", "host is required."),
            request.Port ?? throw CarmenException.Invalid("port", "port is required."),
            QueryEnums.Parse<SmtpSecurity>(request.Security, "security") ?? SmtpSecurity.StartTls,
            request.From ?? throw CarmenException.Invalid("from", "from is required."),
            request.Username, request.Password);
        return TypedResults.Ok(SmtpSettingsResponse.Of(await Channels(grains, scope).SetSmtpAsync(settings, cancellationToken)));
    }

    private static INotificationChannelsGrain Channels(IGrainFactory grains, AlertOwner scope) => grains.GetGrain<INotificationChannelsGrain>(scope.OwnerId);

    private static NotificationChannelDraft Draft(NotificationChannelRequest request) => new(
        request.Name ?? throw CarmenException.Invalid("name", "name is required."),
        QueryEnums.Parse<NotificationChannelType>(request.Type, "type")
            ?? throw CarmenException.Invalid("type", "type is one of: webhook, slack, email."),
        request.Url, request.Secret, request.Recipients, request.AccessEvents ?? false, request.SecurityEvents ?? false, request.LicenseEvents ?? false);
}
