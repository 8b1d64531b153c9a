using System.Text.Json;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// How the device reports on its actions, over MQTT (<see cref="MqttUpdateFeedback"/>) or DDI
/// (<see cref="DdiUpdateFeedback"/>). Progress is sent once and may be lost; an outcome is sent until Carmen has it,
/// across outages, but a refusal is final, since sending again would be refused again.
/// </summary>
public abstract class UpdateFeedback(TimeProvider time)
{
    private static readonly TimeSpan s_retry = TimeSpan.FromSeconds(2);

    public async Task<bool> ProgressAsync(long actionId, string execution, IReadOnlyList<string> details, CancellationToken cancellationToken, (int Done, int Of)? progress = null) =>
        await SendAsync(new ActionReport(actionId, ReportSubject.Deployment, execution, "none", details, progress), cancellationToken) == FeedbackDelivery.Delivered;

    /// <summary>An outcome: <c>closed</c> with success or failure, <c>downloaded</c>, or <c>canceled</c>/<c>rejected</c> with <paramref name="forCancel"/>.</summary>
    public Task OutcomeAsync(long actionId, string execution, string result, IReadOnlyList<string> details, CancellationToken cancellationToken, bool forCancel = false) =>
        DeliverAsync(new ActionReport(actionId, forCancel ? ReportSubject.Cancel : ReportSubject.Deployment, execution, result, details), cancellationToken);

    /// <summary>The device's answer to an action waiting for confirmation.</summary>
    public Task ConfirmAsync(long actionId, IReadOnlyList<string> details, CancellationToken cancellationToken) =>
        DeliverAsync(new ActionReport(actionId, ReportSubject.Confirmation, "confirmed", "none", details), cancellationToken);

    protected abstract Task<FeedbackDelivery> SendAsync(ActionReport report, CancellationToken cancellationToken);

    /// <summary><c>"progress":{"cnt","of"}</c>, when the report has progress: both channels write it alike.</summary>
    protected static void WriteProgress(Utf8JsonWriter json, (int Done, int Of)? progress)
    {
        if (progress is (int done, int of))
        {
            json.WriteStartObject("progress");
            json.WriteNumber("cnt", done);
            json.WriteNumber("of", of);
            json.WriteEndObject();
        }
    }

    /// <summary><c>"details":[...]</c>.</summary>
    protected static void WriteDetails(Utf8JsonWriter json, IReadOnlyList<string> details)
    {
        json.WriteStartArray("details");
        foreach (string line in details)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
    }

    private async Task DeliverAsync(ActionReport report, CancellationToken cancellationToken)
    {
        while (await SendAsync(report, cancellationToken) == FeedbackDelivery.Unreachable)
        {
            await Task.Delay(s_retry, time, cancellationToken);
        }
    }
}
