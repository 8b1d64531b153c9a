using System.Text.Json;
using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Grains.Licenses;

/// <summary>
/// License warnings as webhook events, for the tenant's webhooks with <c>licenseEvents</c>: <c>license.expiring-soon</c>,
/// <c>license.expired</c>, <c>license.grace-ended</c>, <c>license.usage-high</c> and <c>license.meter-exhausted</c>,
/// signed as every Carmen webhook is and posted once (the warning also went by mail and as an alert event).
/// </summary>
public sealed partial class TenantLicensesGrain
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private async Task PostWebhooksAsync(string subject, string stage, string detail, DateTimeOffset at)
    {
        NotificationChannel[] channels = [.. (await GrainFactory.GetGrain<INotificationChannelsGrain>(TenantId).ListAsync()).Where(channel => channel.Definition.LicenseEvents)];
        if (channels.Length == 0)
        {
            return;
        }

        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = EventType(subject, stage),
            tenantId = TenantId,
            licenseId = subject == UsageKey ? null : subject,
            stage,
            detail,
            sentAt = at,
        }, s_json);
        string eventId = $"{TenantId}-license-{subject}-{stage}-{at.ToUnixTimeMilliseconds()}";
        await Task.WhenAll(channels.Select(channel => webhooks.PostEventAsync(TenantId, channel, eventId, body)));
    }

    private static string EventType(string subject, string stage) => stage switch
    {
        LicenseWarningStages.Expired => "license.expired",
        LicenseWarningStages.GraceEnded => "license.grace-ended",
        _ when stage.EndsWith("Exhausted", StringComparison.Ordinal) => "license.meter-exhausted",
        _ when subject == UsageKey => "license.usage-high",
        _ => "license.expiring-soon",
    };
}
