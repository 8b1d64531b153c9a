using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>
/// A tenant's notification channels (keyed by tenant id) and their deliveries: each notification is retried with
/// exponential backoff until its channel takes it, or is dead-lettered. Erased with the tenant.
/// </summary>
[Alias("Carmen.INotificationChannelsGrain")]
public interface INotificationChannelsGrain : ITenantRecordGrain
{
    /// <summary>Saves a new channel; a webhook or Slack channel needs an http(s) URL, an email channel its recipients.</summary>
    [Alias("Create")]
    Task<NotificationChannel> CreateAsync(NotificationChannelDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a channel's definition; a webhook's secret left out keeps the one saved.</summary>
    [Alias("Update")]
    Task<NotificationChannel> UpdateAsync(long channelId, NotificationChannelDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Deletes a channel; its pending deliveries are dropped and escalation paths naming it skip it.</summary>
    [Alias("Delete")]
    Task DeleteAsync(long channelId, CancellationToken cancellationToken = default);

    /// <summary>One channel, or a not-found error.</summary>
    [Alias("Get")]
    Task<NotificationChannel> GetAsync(long channelId, CancellationToken cancellationToken = default);

    /// <summary>All channels, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<NotificationChannel>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Which of these ids name no channel; what escalation paths and teams check when they are saved.</summary>
    [Alias("Unknown")]
    Task<IReadOnlyList<long>> UnknownAsync(IReadOnlyCollection<long> channelIds, CancellationToken cancellationToken = default);

    /// <summary>The tenant's mail server, or null while none is set.</summary>
    [Alias("GetSmtp")]
    Task<SmtpSettings?> GetSmtpAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the tenant's mail server; a password left out keeps the one saved.</summary>
    [Alias("SetSmtp")]
    Task<SmtpSettings> SetSmtpAsync(SmtpSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Queues the notification for each channel named (ids of deleted channels are skipped) and returns at once.</summary>
    [Alias("Send")]
    Task SendAsync(AlertNotification notification, IReadOnlyCollection<long> channelIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// How attempts the grain started went. The grain sends off its own scheduler, so a slow endpoint never holds it up,
    /// and takes the outcomes back through this call.
    /// </summary>
    [Alias("Attempted")]
    Task AttemptedAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken = default);

    /// <summary>Notifications given up on, newest first (the latest 500 are kept).</summary>
    [Alias("ListDeadLetters")]
    Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes a dead letter off the list and queues it again for its channel, with a fresh set of retries.</summary>
    [Alias("Redeliver")]
    Task RedeliverAsync(long deadLetterId, CancellationToken cancellationToken = default);
}
