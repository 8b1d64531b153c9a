using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Reports over DDI: <c>POST deploymentBase/{id}/feedback</c> (or <c>cancelAction/{id}/feedback</c>) with
/// <c>{"status":{"execution","result":{"finished","progress":{"cnt","of"}},"details"}}</c>, and
/// <c>POST confirmationBase/{id}/feedback</c> with <c>{"confirmation":"confirmed","details"}</c>.
/// </summary>
public sealed partial class DdiUpdateFeedback(DdiClient ddi, TimeProvider time, ILogger<DdiUpdateFeedback> logger) : UpdateFeedback(time)
{
    protected override async Task<FeedbackDelivery> SendAsync(ActionReport report, CancellationToken cancellationToken)
    {
        string id = report.ActionId.ToString(CultureInfo.InvariantCulture);
        string resource = report.Subject switch
        {
            ReportSubject.Cancel => $"cancelAction/{id}/feedback",
            ReportSubject.Confirmation => $"confirmationBase/{id}/feedback",
            _ => $"deploymentBase/{id}/feedback",
        };
        HttpStatusCode? status = await ddi.PostAsync(resource, Write(report), cancellationToken);
        switch (status)
        {
            case null or >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests:
                return FeedbackDelivery.Unreachable;
            case >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices:
                return FeedbackDelivery.Delivered;
            default:
                LogRefused(report.ActionId, report.Execution, (int)status);
                return FeedbackDelivery.Refused;
        }
    }

    private static byte[] Write(ActionReport report) => JsonPayload.Write(json =>
    {
        if (report.Subject == ReportSubject.Confirmation)
        {
            json.WriteString("confirmation", report.Execution);
            WriteDetails(json, report.Details);
            return;
        }

        json.WriteStartObject("status");
        json.WriteString("execution", report.Execution);
        json.WriteStartObject("result");
        json.WriteString("finished", report.Result);
        WriteProgress(json, report.Progress);
        json.WriteEndObject();
        WriteDetails(json, report.Details);
        json.WriteEndObject();
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carmen refused the report '{Execution}' on action {ActionId} with {Status}")]
    private partial void LogRefused(long actionId, string execution, int status);
}
