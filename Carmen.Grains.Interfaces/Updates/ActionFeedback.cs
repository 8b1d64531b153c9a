namespace Carmen.Grains.Interfaces.Updates;

/// <summary>One report from a device about an action, with optional progress (done of total) and detail lines.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.ActionFeedback")]
public sealed record ActionFeedback(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] FeedbackExecution Execution,
    [property: Id(2)] FeedbackResult Result,
    [property: Id(3)] IReadOnlyList<string> Details,
    [property: Id(4)] int? ProgressDone = null,
    [property: Id(5)] int? ProgressOf = null,
    [property: Id(6)] bool ForCancellation = false,
    [property: Id(7)] bool ForConfirmation = false);
