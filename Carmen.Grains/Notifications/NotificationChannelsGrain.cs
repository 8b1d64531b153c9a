using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Notifications;

/// <summary>
/// A tenant's notification channels and the deliveries on their way. Deliveries are state, so a restart retries them;
/// the grain sends off its own scheduler and takes outcomes back by a call, so a slow endpoint never holds it up. One
/// reminder per tenant with pending deliveries brings it back after a restart, however many there are.
/// </summary>
[GrainType("notification-channels")]
public sealed partial class NotificationChannelsGrain(
    [PersistentState("notification-channels", StorageNames.Secrets)] IPersistentState<NotificationChannelsState> channels,
    NotificationSender sender,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationChannelsGrain> logger) : Grain, INotificationChannelsGrain, IRemindable
{
    private const string RetryReminder = "notification-retries";
    private const int MaxChannels = 100;
    private const int MaxDeadLetters = 500;
    private const int MaxPending = 10_000;
    private const int MaxAttemptsAtOnce = 50;

    /// <summary>Deliveries handed to the sender and when; a result that never came back (a lost call) frees them after a while.</summary>
    private readonly Dictionary<long, DateTimeOffset> _inFlight = [];
    private IGrainTimer? _timer;
    private bool _reminderSet;

    private string TenantId => this.GetPrimaryKeyString();

    private NotificationChannelsState State => channels.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleNext();
        return Task.CompletedTask;
    }

    public async Task<NotificationChannel> CreateAsync(NotificationChannelDraft draft, CancellationToken cancellationToken)
    {
        draft = NotificationChannelChecks.Check(draft, null, State.Channels.Values);
        if (State.Channels.Count >= MaxChannels)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxChannels} notification channels.");
        }

        DateTimeOffset now = time.GetUtcNow();
        var channel = new NotificationChannel(++State.LastChannelId, draft, now, now, ChannelDeliveryStats.None);
        State.Channels[channel.Id] = channel;
        await channels.WriteStateAsync(cancellationToken);
        LogChannelSaved(TenantId, channel.Id, draft.Type, draft.Name);
        return channel;
    }

    public async Task<NotificationChannel> UpdateAsync(long channelId, NotificationChannelDraft draft, CancellationToken cancellationToken)
    {
        NotificationChannel current = Channel(channelId);
        if (draft.Type != current.Definition.Type)
        {
            throw CarmenException.Invalid("type", "A channel keeps its type; create another channel instead.");
        }

        draft = NotificationChannelChecks.Check(draft with { Secret = draft.Secret ?? current.Definition.Secret }, channelId, State.Channels.Values);
        NotificationChannel channel = current with { Definition = draft, UpdatedAt = time.GetUtcNow() };
        State.Channels[channelId] = channel;
        await channels.WriteStateAsync(cancellationToken);
        LogChannelSaved(TenantId, channelId, draft.Type, draft.Name);
        return channel;
    }

    public async Task DeleteAsync(long channelId, CancellationToken cancellationToken)
    {
        Channel(channelId);
        State.Channels.Remove(channelId);
        State.Pending.RemoveAll(delivery => delivery.ChannelId == channelId);
        await channels.WriteStateAsync(cancellationToken);
        LogChannelDeleted(TenantId, channelId);
    }

    public Task<NotificationChannel> GetAsync(long channelId, CancellationToken cancellationToken) => Task.FromResult(Channel(channelId));

    public Task<IReadOnlyList<NotificationChannel>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NotificationChannel>>([.. State.Channels.Values.OrderByDescending(channel => channel.Id)]);

    public Task<IReadOnlyList<long>> UnknownAsync(IReadOnlyCollection<long> channelIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([.. channelIds.Where(id => !State.Channels.ContainsKey(id)).Distinct()]);

    public Task<SmtpSettings?> GetSmtpAsync(CancellationToken cancellationToken) => Task.FromResult(State.Smtp);

    public async Task<SmtpSettings> SetSmtpAsync(SmtpSettings settings, CancellationToken cancellationToken)
    {
        bool sameAccount = settings.Username == State.Smtp?.Username && settings.Host == State.Smtp?.Host;
        State.Smtp = NotificationChannelChecks.Check(settings with { Password = settings.Password ?? (sameAccount ? State.Smtp?.Password : null) });
        await channels.WriteStateAsync(cancellationToken);
        return State.Smtp;
    }

    public async Task SendAsync(AlertNotification notification, IReadOnlyCollection<long> channelIds, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        long[] known = [.. channelIds.Distinct().Where(State.Channels.ContainsKey)];
        if (known.Length == 0)
        {
            return; // every channel named was deleted since
        }

        foreach (long channelId in known)
        {
            State.Pending.Add(new PendingDelivery { Id = ++State.LastDeliveryId, ChannelId = channelId, Notification = notification, NextAttemptAt = now });
        }

        while (State.Pending.Count > MaxPending)
        {
            // Every endpoint is down for long: the oldest are given up on, where an operator sees them, instead of growing without end.
            PendingDelivery oldest = State.Pending[0];
            State.Pending.RemoveAt(0);
            DeadLetterOf(oldest, "Too many notifications waiting for this tenant's channels.", now);
        }

        await SaveAndDeliverAsync(cancellationToken);
    }

    public async Task AttemptedAsync(IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (DeliveryOutcome outcome in outcomes)
        {
            _inFlight.Remove(outcome.DeliveryId);
            int index = State.Pending.FindIndex(delivery => delivery.Id == outcome.DeliveryId);
            if (index >= 0 && State.Channels.TryGetValue(State.Pending[index].ChannelId, out NotificationChannel? channel))
            {
                Settle(State.Pending[index], channel, outcome.Error, now);
            }
        }

        await SaveAndDeliverAsync(cancellationToken);
    }

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeadLetter>>([.. Enumerable.Reverse(State.DeadLetters)]);

    public async Task RedeliverAsync(long deadLetterId, CancellationToken cancellationToken)
    {
        DeadLetter letter = State.DeadLetters.Find(letter => letter.Id == deadLetterId)
            ?? throw CarmenException.NotFound($"Tenant '{TenantId}' has no dead letter {deadLetterId}.");
        if (!State.Channels.ContainsKey(letter.ChannelId))
        {
            throw CarmenException.Conflict($"Channel {letter.ChannelId} ({letter.ChannelName}) was deleted.");
        }

        State.DeadLetters.Remove(letter);
        State.Pending.Add(new PendingDelivery { Id = letter.Id, ChannelId = letter.ChannelId, Notification = letter.Notification, NextAttemptAt = time.GetUtcNow() });
        await SaveAndDeliverAsync(cancellationToken);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderSet = true;
        StartDueAttempts();
        ScheduleNext();
        return KeepReminderAsync(CancellationToken.None);
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        State.Pending.Clear();
        await KeepReminderAsync(cancellationToken);
        await channels.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    /// <summary>Saves the deliveries, keeps the reminder that matches them, and starts what is due now or arms the timer for the next.</summary>
    private async Task SaveAndDeliverAsync(CancellationToken cancellationToken)
    {
        await channels.WriteStateAsync(cancellationToken);
        await KeepReminderAsync(cancellationToken);
        StartDueAttempts();
        ScheduleNext();
    }

    private void Settle(PendingDelivery delivery, NotificationChannel channel, string? error, DateTimeOffset now)
    {
        delivery.Attempts++;
        delivery.FirstAttemptAt ??= now;
        ChannelDeliveryStats stats = channel.Stats;
        string type = channel.Definition.Type.ToString();
        if (error is null)
        {
            State.Pending.Remove(delivery);
            stats = stats with { Delivered = stats.Delivered + 1, LastDeliveredAt = now };
            CarmenDiagnostics.NotificationDeliveries.Add(1, new("type", type), new("outcome", "delivered"));
        }
        else
        {
            delivery.LastError = error;
            stats = stats with { FailedAttempts = stats.FailedAttempts + 1, LastFailedAt = now, LastError = error };
            CarmenDiagnostics.NotificationDeliveries.Add(1, new("type", type), new("outcome", "failed"));
            if (delivery.Attempts >= options.Value.MaxAttempts)
            {
                State.Pending.Remove(delivery);
                stats = stats with { DeadLettered = stats.DeadLettered + 1 };
                DeadLetterOf(delivery, error, now);
            }
            else
            {
                delivery.NextAttemptAt = now + options.Value.RetryDelay(delivery.Attempts);
            }
        }

        State.Channels[channel.Id] = channel with { Stats = stats };
    }

    private void DeadLetterOf(PendingDelivery delivery, string error, DateTimeOffset now)
    {
        string channelName = State.Channels.TryGetValue(delivery.ChannelId, out NotificationChannel? channel) ? channel.Definition.Name : "";
        State.DeadLetters.Add(new DeadLetter(delivery.Id, delivery.ChannelId, channelName, delivery.Notification, delivery.Attempts, error, delivery.FirstAttemptAt ?? now, now));
        if (State.DeadLetters.Count > MaxDeadLetters)
        {
            State.DeadLetters.RemoveAt(0);
        }

        CarmenDiagnostics.NotificationDeliveries.Add(1, new("type", channel?.Definition.Type.ToString()), new("outcome", "deadLettered"));
        LogDeadLettered(TenantId, delivery.Id, delivery.ChannelId, delivery.Attempts, error);
    }

    private void StartDueAttempts()
    {
        DateTimeOffset now = time.GetUtcNow();
        var attempts = new List<DeliveryAttempt>();
        foreach (PendingDelivery delivery in State.Pending)
        {
            if (attempts.Count == MaxAttemptsAtOnce || delivery.NextAttemptAt > now || InFlight(delivery.Id, now))
            {
                continue;
            }

            _inFlight[delivery.Id] = now;
            attempts.Add(new DeliveryAttempt(TenantId, delivery.Id, delivery.Attempts + 1, State.Channels[delivery.ChannelId], State.Smtp, delivery.Notification));
        }

        if (attempts.Count > 0)
        {
            INotificationChannelsGrain self = this.AsReference<INotificationChannelsGrain>();

            // Off the activation's scheduler: the grain keeps serving while endpoints answer; outcomes come back as a call.
            Task.Run(async () => await self.AttemptedAsync(await sender.AttemptAllAsync(attempts))).Ignore();
        }
    }

    private bool InFlight(long deliveryId, DateTimeOffset now) =>
        _inFlight.TryGetValue(deliveryId, out DateTimeOffset since) && now - since < LostAfter;

    /// <summary>An attempt has its own deadline; its outcome missing well past that means the call back was lost.</summary>
    private TimeSpan LostAfter => options.Value.AttemptTimeout * 3;

    private void ScheduleNext()
    {
        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (PendingDelivery delivery in State.Pending)
        {
            DateTimeOffset due = _inFlight.TryGetValue(delivery.Id, out DateTimeOffset since) ? since + LostAfter : delivery.NextAttemptAt;
            next = Moments.Earliest(next, due);
        }

        _timer?.Dispose();
        _timer = null;
        if (next is DateTimeOffset at)
        {
            TimeSpan wait = at - now;
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
            _timer = this.RegisterGrainTimer(
                static (grain, _) => grain.OnTimerAsync(),
                this,
                new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private Task OnTimerAsync()
    {
        StartDueAttempts();
        ScheduleNext();
        return Task.CompletedTask;
    }

    /// <summary>One reminder while anything is pending, none otherwise; registering again when unsure is harmless.</summary>
    private async Task KeepReminderAsync(CancellationToken cancellationToken) =>
        _reminderSet = await this.KeepAsync(RetryReminder, State.Pending.Count > 0, _reminderSet, cancellationToken);

    private NotificationChannel Channel(long channelId) =>
        State.Channels.TryGetValue(channelId, out NotificationChannel? channel) ? channel
            : throw CarmenException.NotFound($"Tenant '{TenantId}' has no notification channel {channelId}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} saved notification channel {ChannelId} ({ChannelType} {Name})")]
    private partial void LogChannelSaved(string tenantId, long channelId, NotificationChannelType channelType, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId} deleted notification channel {ChannelId}")]
    private partial void LogChannelDeleted(string tenantId, long channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} gave up delivery {DeliveryId} to channel {ChannelId} after {Attempts} attempts: {Error}")]
    private partial void LogDeadLettered(string tenantId, long deliveryId, long channelId, int attempts, string error);
}
