namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// One report on an action, in DDI's words: the execution (<c>download</c>, <c>downloaded</c>, <c>proceeding</c>,
/// <c>closed</c>, <c>canceled</c>, <c>rejected</c>, or <c>confirmed</c> for a confirmation), the result
/// (<c>none</c>, <c>success</c>, <c>failure</c>), optional progress and detail lines.
/// </summary>
public sealed record ActionReport(
    long ActionId, ReportSubject Subject, string Execution, string Result, IReadOnlyList<string> Details, (int Done, int Of)? Progress = null);
