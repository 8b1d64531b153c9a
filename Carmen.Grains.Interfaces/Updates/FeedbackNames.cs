namespace Carmen.Grains.Interfaces.Updates;

/// <summary>DDI's words for feedback (status.execution and status.result.finished), read the same over HTTP and MQTT.</summary>
public static class FeedbackNames
{
    /// <summary>The execution values DDI defines, as the error message for anything else lists them.</summary>
    public const string Executions = "closed, proceeding, canceled, scheduled, rejected, resumed, downloaded, download";

    /// <summary>Reads a DDI execution value (case-insensitive).</summary>
    public static FeedbackExecution? Execution(string? value) => value?.ToLowerInvariant() switch
    {
        "closed" => FeedbackExecution.Closed,
        "proceeding" => FeedbackExecution.Proceeding,
        "canceled" => FeedbackExecution.Canceled,
        "scheduled" => FeedbackExecution.Scheduled,
        "rejected" => FeedbackExecution.Rejected,
        "resumed" => FeedbackExecution.Resumed,
        "downloaded" => FeedbackExecution.Downloaded,
        "download" => FeedbackExecution.Download,
        _ => null,
    };

    /// <summary>Why feedback that was not accepted was refused, as DDI's problem and MQTT's reason string both say it.</summary>
    public static string Refusal(FeedbackOutcome outcome, long actionId) => outcome == FeedbackOutcome.NotCancelable
        ? $"Action {actionId} is not being canceled."
        : $"Action {actionId} is closed; feedback is no longer taken.";

    /// <summary>Reads a DDI result value (case-insensitive); absent means none.</summary>
    public static FeedbackResult? Result(string? value) => value?.ToLowerInvariant() switch
    {
        null or "none" => FeedbackResult.None,
        "success" => FeedbackResult.Success,
        "failure" => FeedbackResult.Failure,
        _ => null,
    };
}
