using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Notifications;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Carmen.Grains.Tenants;

/// <summary>Mails users about changes of their access, one mail per user and batch of changes; a failure is logged, never retried into a storm.</summary>
[GrainType("access-notifier")]
public sealed partial class AccessNotifierGrain(MailTransport mail, ILogger<AccessNotifierGrain> logger) : Grain, IAccessNotifierGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public async Task NotifyAsync(IReadOnlyList<AccessChange> changes)
    {
        SmtpSettings? smtp = await MailServers.ForTenantAsync(GrainFactory, TenantId, CancellationToken.None);
        if (smtp is null)
        {
            return; // no mail server: the access records still hold every change
        }

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
            using var deadline = new CancellationTokenSource(mail.AttemptTimeout);
            try
            {
                await mail.SendAsync(smtp, message, deadline.Token);
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
