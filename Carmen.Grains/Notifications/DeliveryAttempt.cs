using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Grains.Notifications;

/// <summary>One try at handing a notification to a channel; <see cref="Attempt"/> counts from 1.</summary>
public sealed record DeliveryAttempt(string TenantId, long DeliveryId, int Attempt, NotificationChannel Channel, SmtpSettings? Smtp, AlertNotification Notification);
