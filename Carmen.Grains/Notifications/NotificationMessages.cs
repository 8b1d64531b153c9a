using System.Globalization;
using System.Text;
using System.Text.Json;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Grains.Notifications;

/// <summary>What each kind of channel receives for an alert notification.</summary>
public static class NotificationMessages
{
    /// <summary>Carmen's webhook JSON. The delivery id stays the same across retries, so a receiver can drop repeats.</summary>
    public static byte[] Webhook(DeliveryAttempt attempt, DateTimeOffset sentAt)
    {
        AlertNotification notification = attempt.Notification;
        AlertRaised alert = notification.Alert;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", notification.Repeat == 0 ? "alert.notified" : "alert.renotified");
            json.WriteString("deliveryId", DeliveryId(attempt));
            json.WriteNumber("attempt", attempt.Attempt);
            json.WriteString("tenantId", attempt.TenantId);
            json.WriteNumber("sentAt", sentAt.ToUnixTimeMilliseconds());
            json.WriteStartObject("escalation");
            json.WriteString("path", notification.PathName);
            json.WriteNumber("level", notification.Level);
            json.WriteNumber("repeat", notification.Repeat);
            json.WriteEndObject();
            json.WriteStartArray("teams");
            foreach (string team in notification.TeamNames)
            {
                json.WriteStringValue(team);
            }

            json.WriteEndArray();
            json.WriteStartObject("alert");
            json.WriteString("id", notification.AlertId);
            json.WriteNumber("ruleId", alert.RuleId);
            json.WriteString("ruleName", alert.RuleName);
            json.WriteString("severity", JsonNamingPolicy.CamelCase.ConvertName(alert.Severity.ToString()));
            json.WriteString("deviceId", alert.DeviceId);
            json.WriteString("clusterId", alert.ClusterId);
            json.WriteNumber("raisedAt", alert.At.ToUnixTimeMilliseconds());
            if (alert.Event is not null)
            {
                json.WriteString("event", alert.Event);
            }

            json.WriteStartObject("details");
            foreach ((string key, var value) in alert.Details)
            {
                json.WriteStartObject(key);
                json.WriteNumber("ts", value.Timestamp);
                json.WritePropertyName("value");
                json.WriteRawValue(value.Value.ToJson(), skipInputValidation: true);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A Slack incoming-webhook message: a text line, and an attachment colored by severity with the details.</summary>
    public static byte[] Slack(DeliveryAttempt attempt)
    {
        AlertRaised alert = attempt.Notification.Alert;
        string color = alert.Severity switch
        {
            AlertSeverity.Critical => "#d00000",
            AlertSeverity.Major => "#ff8800",
            AlertSeverity.Minor => "#ffcc00",
            AlertSeverity.Warning => "#3a87ad",
            _ => "#999999",
        };
        var body = new
        {
            text = Subject(attempt),
            attachments = new[] { new { color, text = Text(attempt) } },
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    /// <summary>One line saying what and where: the subject of a mail, the headline of a Slack message.</summary>
    public static string Subject(DeliveryAttempt attempt)
    {
        AlertNotification notification = attempt.Notification;
        string again = notification.Repeat == 0 ? "" : $" (reminder {notification.Repeat})";
        return $"[{notification.Alert.Severity}] {notification.Alert.RuleName} on {notification.Alert.DeviceId}{again}";
    }

    /// <summary>The plain-text body of a mail, and the attachment text of a Slack message.</summary>
    public static string Text(DeliveryAttempt attempt)
    {
        AlertNotification notification = attempt.Notification;
        AlertRaised alert = notification.Alert;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Alert {notification.AlertId} of tenant {attempt.TenantId} is active and not acknowledged.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Rule: {alert.RuleName} ({alert.Severity})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Device: {alert.DeviceId} in cluster {alert.ClusterId}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Raised: {alert.At:u}");
        foreach ((string key, var value) in alert.Details)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{key} = {value.Value.ToJson()} at {DateTimeOffset.FromUnixTimeMilliseconds(value.Timestamp):u}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Escalation: {notification.PathName}, level {notification.Level + 1}");
        if (notification.TeamNames.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Teams: {string.Join(", ", notification.TeamNames)}");
        }

        return text.ToString();
    }

    /// <summary>Unique within the platform and the same on every retry.</summary>
    public static string DeliveryId(DeliveryAttempt attempt) => $"{attempt.TenantId}-{attempt.DeliveryId}";
}
