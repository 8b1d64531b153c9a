using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Notifications;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Carmen.Grains.Tenants;

/// <summary>
/// Tells of changes of access: a mail to each user they are about (one per user and batch), and an <c>access.changed</c>
/// event to the tenant's webhooks that asked for them. A failure is logged, never retried into a storm: the access
/// records hold every change whatever happens here.
/// </summary>
[GrainType("access-notifier")]
public sealed partial class AccessNotifierGrain(MailTransport mail, NotificationSender webhooks, TimeProvider time, ILogger<AccessNotifierGrain> logger)
    : Grain, IAccessNotifierGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task NotifyAsync(IReadOnlyList<AccessChange> changes)
    {
        await PostEventsAsync(changes);
        if (await MailServers.ForTenantAsync(GrainFactory, TenantId, CancellationToken.None) is SmtpSettings smtp)
        {
            await MailUsersAsync(smtp, changes);
        }
    }

    private async Task PostEventsAsync(IReadOnlyList<AccessChange> changes)
    {
        NotificationChannel[] subscribed = [.. (await GrainFactory.GetGrain<INotificationChannelsGrain>(TenantId).ListAsync())
            .Where(channel => channel.Definition.AccessEvents)];
        if (subscribed.Length == 0)
        {
            return;
        }

        byte[] body = AccessChangedEvent.Body(TenantId, time.GetUtcNow(), changes);
        string eventId = $"{TenantId}-access-{changes[0].Sequence}";
        await Task.WhenAll(subscribed.Select(channel => webhooks.PostEventAsync(TenantId, channel, eventId, body)));
    }

    private async Task MailUsersAsync(SmtpSettings smtp, IReadOnlyList<AccessChange> changes)
    {
        TenantInfo tenant = await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetAsync();
        foreach (IGrouping<string, AccessChange> forUser in changes.Where(change => change.Principal is not null).GroupBy(change => change.Principal!))
        {
            UserInfo? user = await GrainFactory.GetGrain<IUserGrain>(UserKeys.Of(TenantId, forUser.Key)).FindAsync();
            if (user?.Email is not string email)
            {
                continue;
            }

            using var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(smtp.From));
            message.To.Add(MailboxAddress.Parse(email));
            message.Subject = $"Your access in {tenant.DisplayName} changed";
            message.Headers.Add("X-Carmen-Access-Change", string.Join(',', forUser.Select(change => change.Sequence)));
            message.Body = new TextPart("plain") { Text = AccessChangeText.For(tenant.DisplayName, user.Username, [.. forUser]) };
            try
            {
                await mail.SendAsync(smtp, message, CancellationToken.None);
            }
            catch (Exception failure) // the mail server's problems are logged; the change itself stands and is recorded
            {
                LogMailFailed(TenantId, user.Username, failure.GetBaseException().Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: mail about {Username}'s access change failed: {Error}")]
    private partial void LogMailFailed(string tenantId, string username, string error);
}
