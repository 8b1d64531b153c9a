using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Platform;

namespace Carmen.Grains.Notifications;

/// <summary>Which mail server mail to a tenant's people goes through: the tenant's own, else the platform's.</summary>
public static class MailServers
{
    public static async Task<SmtpSettings?> ForTenantAsync(IGrainFactory grains, string tenantId, CancellationToken cancellationToken) =>
        await grains.GetGrain<INotificationChannelsGrain>(tenantId).GetSmtpAsync(cancellationToken)
        ?? await grains.GetGrain<INotificationChannelsGrain>(IPlatformHealthGrain.AlertScope).GetSmtpAsync(cancellationToken);
}
