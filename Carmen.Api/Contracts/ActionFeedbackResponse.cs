using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>One report of a device on an action (hawkBit's execution and result), with its details and progress.</summary>
public sealed record ActionFeedbackResponse(
    DateTimeOffset At,
    FeedbackExecution Execution,
    FeedbackResult Result,
    IReadOnlyList<string> Details,
    int? ProgressDone,
    int? ProgressOf,
    bool ForCancellation,
    bool ForConfirmation)
{
    public static ActionFeedbackResponse From(ActionFeedback feedback) => new(
        feedback.At, feedback.Execution, feedback.Result, feedback.Details, feedback.ProgressDone, feedback.ProgressOf,
        feedback.ForCancellation, feedback.ForConfirmation);
}
