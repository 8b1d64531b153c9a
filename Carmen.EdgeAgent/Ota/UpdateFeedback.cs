using System.Text.Json;
using Carmen.EdgeAgent.Connection;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Reports on <c>v1/devices/me/ota/feedback</c> in DDI's words: <c>{"actionId","execution","result","progress":{"cnt","of"},"details"}</c>.
/// Progress is sent once and may be lost; an outcome is sent until Carmen has it, across reconnects.
/// </summary>
public sealed class UpdateFeedback(AgentConnection connection, TimeProvider time)
{
    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(2);

    public Task<bool> ProgressAsync(long actionId, string execution, IReadOnlyList<string> details, CancellationToken cancellationToken, (int Done, int Of)? progress = null) =>
        connection.PublishAsync(DeviceTopics.OtaFeedback, Write(actionId, execution, "none", details, progress), cancellationToken);

    /// <summary>An outcome: <c>closed</c> with success or failure, <c>downloaded</c>, or <c>canceled</c>/<c>rejected</c> with <paramref name="forCancel"/>.</summary>
    public Task OutcomeAsync(long actionId, string execution, string result, IReadOnlyList<string> details, CancellationToken cancellationToken, bool forCancel = false) =>
        DeliverAsync(Write(actionId, execution, result, details, null, forCancel), cancellationToken);

    /// <summary>The device's answer to an action waiting for confirmation.</summary>
    public Task ConfirmAsync(long actionId, IReadOnlyList<string> details, CancellationToken cancellationToken) =>
        DeliverAsync(JsonPayload.Write(json =>
        {
            json.WriteNumber("actionId", actionId);
            json.WriteString("confirmation", "confirmed");
            WriteDetails(json, details);
        }), cancellationToken);

    /// <summary>Sends until Carmen takes it; a refusal while connected is final (logged by the connection), since sending again would be refused again.</summary>
    private async Task DeliverAsync(byte[] payload, CancellationToken cancellationToken)
    {
        while (!await connection.PublishAsync(DeviceTopics.OtaFeedback, payload, cancellationToken) && !connection.IsConnected)
        {
            await Task.Delay(s_retry, time, cancellationToken);
        }
    }

    private static byte[] Write(long actionId, string execution, string result, IReadOnlyList<string> details, (int Done, int Of)? progress, bool forCancel = false) =>
        JsonPayload.Write(json =>
        {
            json.WriteNumber("actionId", actionId);
            json.WriteString("execution", execution);
            json.WriteString("result", result);
            if (progress is (int done, int of))
            {
                json.WriteStartObject("progress");
                json.WriteNumber("cnt", done);
                json.WriteNumber("of", of);
                json.WriteEndObject();
            }

            if (forCancel)
            {
                json.WriteBoolean("cancel", true);
            }

            WriteDetails(json, details);
        });

    private static void WriteDetails(Utf8JsonWriter json, IReadOnlyList<string> details)
    {
        json.WriteStartArray("details");
        foreach (string line in details)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
    }
}
