using Carmen.EdgeAgent.Connection;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Reports on <c>v1/devices/me/ota/feedback</c>: <c>{"actionId","execution","result","progress":{"cnt","of"},"details"}</c>,
/// with <c>"cancel":true</c> when answering a cancellation, or <c>{"actionId","confirmation":"confirmed","details"}</c>.
/// </summary>
public sealed class MqttUpdateFeedback(AgentConnection connection, TimeProvider time) : UpdateFeedback(time)
{
    protected override async Task<FeedbackDelivery> SendAsync(ActionReport report, CancellationToken cancellationToken) =>
        await connection.PublishAsync(DeviceTopics.OtaFeedback, Write(report), cancellationToken) ? FeedbackDelivery.Delivered
        : connection.IsConnected ? FeedbackDelivery.Refused // logged by the connection
        : FeedbackDelivery.Unreachable;

    private static byte[] Write(ActionReport report) => JsonPayload.Write(json =>
    {
        json.WriteNumber("actionId", report.ActionId);
        if (report.Subject == ReportSubject.Confirmation)
        {
            json.WriteString("confirmation", report.Execution);
        }
        else
        {
            json.WriteString("execution", report.Execution);
            json.WriteString("result", report.Result);
            WriteProgress(json, report.Progress);
            if (report.Subject == ReportSubject.Cancel)
            {
                json.WriteBoolean("cancel", true);
            }
        }

        WriteDetails(json, report.Details);
    });
}
