using System.Buffers;
using System.Text.Json;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Reads feedback a device publishes on v1/devices/me/ota/feedback: {"actionId":7,"execution":"proceeding",
/// "result":"none","progress":{"cnt":2,"of":5},"details":["..."],"cancel":false}, DDI's words and shape; or, for an
/// action waiting for confirmation, {"actionId":7,"confirmation":"confirmed|denied","details":["..."]}.
/// </summary>
internal static class UpdateFeedbackPayload
{
    public static (long ActionId, ActionFeedback Feedback) Parse(ReadOnlySequence<byte> payload, DateTimeOffset now)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("actionId", out JsonElement id)
                || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out long actionId))
            {
                throw new FormatException("Update feedback is a JSON object with a numeric \"actionId\".");
            }

            string[] details = root.TryGetProperty("details", out JsonElement lines) && lines.ValueKind == JsonValueKind.Array
                ? [.. lines.EnumerateArray().Select(line => line.ToString()).Take(20).Select(line => line.Length > 1000 ? line[..1000] : line)]
                : [];
            if (Text(root, "confirmation") is string confirmation)
            {
                FeedbackExecution answer = confirmation switch
                {
                    "confirmed" => FeedbackExecution.Proceeding,
                    "denied" => FeedbackExecution.Rejected,
                    _ => throw new FormatException("\"confirmation\" is confirmed or denied."),
                };
                return (actionId, new ActionFeedback(now, answer, FeedbackResult.None, details, ForConfirmation: true));
            }

            FeedbackExecution execution = FeedbackNames.Execution(Text(root, "execution"))
                ?? throw new FormatException($"\"execution\" is one of {FeedbackNames.Executions}.");
            FeedbackResult result = FeedbackNames.Result(Text(root, "result"))
                ?? throw new FormatException("\"result\" is none, success or failure.");
            (int? done, int? of) = root.TryGetProperty("progress", out JsonElement progress) && progress.ValueKind == JsonValueKind.Object
                ? (Number(progress, "cnt"), Number(progress, "of"))
                : (null, null);
            bool cancel = root.TryGetProperty("cancel", out JsonElement forCancel) && forCancel.ValueKind == JsonValueKind.True;
            return (actionId, new ActionFeedback(now, execution, result, details, done, of, cancel));
        }
        catch (JsonException invalid)
        {
            throw new FormatException($"Update feedback is not valid JSON: {invalid.Message}");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : null;
}
