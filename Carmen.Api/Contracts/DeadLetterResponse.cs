using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Api.Contracts;

/// <summary>A notification given up on: which channel, which alert and escalation level, and why.</summary>
public sealed record DeadLetterResponse(
    long Id,
    long ChannelId,
    string ChannelName,
    string AlertId,
    string RuleName,
    AlertSeverity Severity,
    string DeviceId,
    string EscalationPath,
    int Level,
    int Repeat,
    int Attempts,
    string LastError,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset FailedAt)
{
    public static DeadLetterResponse From(DeadLetter letter)
    {
        AlertNotification notification = letter.Notification;
        return new DeadLetterResponse(
            letter.Id, letter.ChannelId, letter.ChannelName, notification.AlertId, notification.Alert.RuleName, notification.Alert.Severity,
            notification.Alert.DeviceId, notification.PathName, notification.Level, notification.Repeat, letter.Attempts, letter.LastError,
            letter.FirstAttemptAt, letter.FailedAt);
    }
}
