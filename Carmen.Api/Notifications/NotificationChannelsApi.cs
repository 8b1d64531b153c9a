using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Notifications;

/// <summary>
/// A tenant's notification channels, the dead letters of their deliveries, and the mail server email channels use.
/// Secrets go in and never come out.
/// </summary>
public static class NotificationChannelsApi
{
    public static RouteGroupBuilder MapNotificationChannelsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder channels = tenant.MapGroup("/notification-channels").WithTags("Notifications");
        // Tenant admins only, even to read: a webhook's URL often carries the receiver's own credential.
        channels.MapGet("/", ListAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        channels.MapPost("/", CreateAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        channels.MapGet("/{channelId:long}", GetAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        channels.MapPut("/{channelId:long}", UpdateAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        channels.MapDelete("/{channelId:long}", DeleteAsync).RequireAuthorization(CarmenPolicies.TenantAdmin);
        channels.MapGet("/dead-letters", ListDeadLettersAsync).RequireAuthorization(CarmenPolicies.Operator);
        channels.MapPost("/dead-letters/{deadLetterId:long}/redeliver", RedeliverAsync).RequireAuthorization(CarmenPolicies.Operator);
        tenant.MapGet("/settings/smtp", GetSmtpAsync).WithTags("Notifications").RequireAuthorization(CarmenPolicies.TenantAdmin);
        tenant.MapPut("/settings/smtp", SetSmtpAsync).WithTags("Notifications").RequireAuthorization(CarmenPolicies.TenantAdmin);
        return tenant;
    }

    public static async Task<Ok<IReadOnlyList<NotificationChannelResponse>>> ListAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<NotificationChannelResponse>>(
            [.. (await Channels(scope).ListAsync(scope.CancellationToken)).Select(NotificationChannelResponse.From)]);

    public static async Task<Created<NotificationChannelResponse>> CreateAsync([AsParameters] TenantScope scope, NotificationChannelContract request)
    {
        NotificationChannel channel = await Channels(scope).CreateAsync(Draft(request), scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/notification-channels/{channel.Id}", NotificationChannelResponse.From(channel));
    }

    public static async Task<Ok<NotificationChannelResponse>> GetAsync([AsParameters] TenantScope scope, long channelId) =>
        TypedResults.Ok(NotificationChannelResponse.From(await Channels(scope).GetAsync(channelId, scope.CancellationToken)));

    public static async Task<Ok<NotificationChannelResponse>> UpdateAsync([AsParameters] TenantScope scope, long channelId, NotificationChannelContract request) =>
        TypedResults.Ok(NotificationChannelResponse.From(await Channels(scope).UpdateAsync(channelId, Draft(request), scope.CancellationToken)));

    public static async Task<NoContent> DeleteAsync([AsParameters] TenantScope scope, long channelId)
    {
        await Channels(scope).DeleteAsync(channelId, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<DeadLetterResponse>>> ListDeadLettersAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<DeadLetterResponse>>(
            [.. (await Channels(scope).ListDeadLettersAsync(scope.CancellationToken)).Select(DeadLetterResponse.From)]);

    public static async Task<Accepted> RedeliverAsync([AsParameters] TenantScope scope, long deadLetterId)
    {
        await Channels(scope).RedeliverAsync(deadLetterId, scope.CancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Ok<SmtpSettingsResponse>> GetSmtpAsync([AsParameters] TenantScope scope) =>
        await Channels(scope).GetSmtpAsync(scope.CancellationToken) is SmtpSettings settings
            ? TypedResults.Ok(SmtpSettingsResponse.Of(settings))
            : throw CarmenException.NotFound($"Tenant '{scope.TenantId}' has no SMTP server set.");

    public static async Task<Ok<SmtpSettingsResponse>> SetSmtpAsync([AsParameters] TenantScope scope, SmtpSettingsContract request)
    {
        var settings = new SmtpSettings(
            request.Host ?? throw CarmenException.Invalid("host", "host is required."),
            request.Port ?? throw CarmenException.Invalid("port", "port is required."),
            QueryEnums.Parse<SmtpSecurity>(request.Security, "security") ?? SmtpSecurity.StartTls,
            request.From ?? throw CarmenException.Invalid("from", "from is required."),
            request.Username, request.Password);
        return TypedResults.Ok(SmtpSettingsResponse.Of(await Channels(scope).SetSmtpAsync(settings, scope.CancellationToken)));
    }

    private static INotificationChannelsGrain Channels(TenantScope scope) => scope.Grains.GetGrain<INotificationChannelsGrain>(scope.TenantId);

    private static NotificationChannelDraft Draft(NotificationChannelContract request) => new(
        request.Name ?? throw CarmenException.Invalid("name", "name is required."),
        QueryEnums.Parse<NotificationChannelType>(request.Type, "type")
            ?? throw CarmenException.Invalid("type", "type is one of: webhook, slack, email."),
        request.Url, request.Secret, request.Recipients);
}
