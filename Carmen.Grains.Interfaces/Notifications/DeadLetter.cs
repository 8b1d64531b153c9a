namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>A notification a channel would not take after every retry: kept so an operator sees what was missed and can send it again.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeadLetter")]
public sealed record DeadLetter(
    [property: Id(0)] long Id,
    [property: Id(1)] long ChannelId,
    [property: Id(2)] string ChannelName,
    [property: Id(3)] AlertNotification Notification,
    [property: Id(4)] int Attempts,
    [property: Id(5)] string LastError,
    [property: Id(6)] DateTimeOffset FirstAttemptAt,
    [property: Id(7)] DateTimeOffset FailedAt);
