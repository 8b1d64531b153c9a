using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Notifications;
using Orleans.Concurrency;

namespace Carmen.Grains.Audit;

/// <summary>
/// Posts <c>security.events</c> to a tenant's (or the platform's) webhooks with <c>securityEvents</c>, signed as every
/// Carmen webhook is. The channels are asked each time (once per committed batch, so a flood costs a call per batch
/// rather than per event): a channel made a moment ago receives the next batch. A failed post is counted on its channel and not retried into a storm: the trail holds every event.
/// </summary>
[GrainType("security-notifier")]
[StatelessWorker(1)] // one per silo: batches from the chain's grain arrive in order and are posted as they come
public sealed class SecurityNotifierGrain(NotificationSender webhooks, TimeProvider time) : Grain, ISecurityNotifierGrain
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private string Chain => this.GetPrimaryKeyString();

    public async Task NotifyAsync(IReadOnlyList<StoredAuditRecord> records)
    {
        string owner = Chain == AuditChains.Platform ? IPlatformHealthGrain.AlertScope : Chain;
        NotificationChannel[] channels = [.. (await GrainFactory.GetGrain<INotificationChannelsGrain>(owner).ListAsync()).Where(channel => channel.Definition.SecurityEvents)];
        if (channels.Length == 0)
        {
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = "security.events",
            chain = Chain,
            sentAt = now,
            events = records.Select(AuditRecordFormat.Read).Select(record => new
            {
                id = record.Id,
                at = record.At,
                type = record.Entry.Action,
                source = record.Entry.Source,
                actor = new { kind = record.Entry.Actor.Kind, name = record.Entry.Actor.Name, keyId = record.Entry.Actor.KeyId },
                address = record.Entry.Address,
                userAgent = record.Entry.UserAgent,
                targetType = record.Entry.TargetType,
                targetId = record.Entry.TargetId,
                details = record.Entry.Changes.ToDictionary(change => change.Field, change => change.After is null ? (JsonElement?)null : JsonDocument.Parse(change.After).RootElement.Clone()),
                hash = record.Hash,
            }),
        }, s_json);
        string eventId = $"{Chain}-security-{records[0].Id}";
        await Task.WhenAll(channels.Select(channel => webhooks.PostEventAsync(owner, channel, eventId, body)));
    }
}
