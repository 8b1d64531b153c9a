using System.Globalization;
using System.Text.Json;
using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Ddi;

/// <summary>
/// Reads DDI feedback as leniently as hawkBit's server does (its Jackson binding coerces scalars and ignores unknown
/// members), but within Carmen's limits: what a client cannot mean is refused naming the field.
/// </summary>
public static class DdiFeedbackReader
{
    /// <summary>Feedback lines kept: hawkBit clients send a handful; anything past this is dropped, not refused.</summary>
    public const int MaxDetails = 50;

    /// <summary>The longest line kept; longer lines are cut, as a log line would be.</summary>
    public const int MaxDetailLength = 1_000;

    public static ActionFeedback Read(DdiFeedbackRequest body, bool forCancellation, DateTimeOffset now)
    {
        RequireScalar(body.Id, "id");
        RequireScalar(body.Time, "time");
        RequireScalar(body.Timestamp, "timestamp");
        DdiStatusContract status = body.Status ?? throw CarmenException.Invalid("status", "Feedback carries a \"status\" object.");
        FeedbackExecution execution = FeedbackNames.Execution(status.Execution)
            ?? throw CarmenException.Invalid("status.execution", $"status.execution is one of {FeedbackNames.Executions}.");
        FeedbackResult result = FeedbackNames.Result(status.Result?.Finished)
            ?? throw CarmenException.Invalid("status.result.finished", "status.result.finished is none, success or failure.");
        DdiProgressContract? progress = status.Result?.Progress;
        if (progress is { Cnt: < 0 } or { Of: < 0 })
        {
            throw CarmenException.Invalid("status.result.progress", "Progress counts are not negative.");
        }

        return new ActionFeedback(now, execution, result, Details(status.Details, status.Code, "status.details"), progress?.Cnt, progress?.Of, forCancellation);
    }

    /// <summary>The lines as kept, with a status code (DDI's optional "code") as a line of its own.</summary>
    public static IReadOnlyList<string> Details(IReadOnlyList<JsonElement>? lines, int? code, string field)
    {
        var kept = new List<string>();
        int index = 0;
        foreach (JsonElement line in lines ?? [])
        {
            string text = line.ValueKind switch
            {
                JsonValueKind.String => line.GetString()!,
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => line.GetRawText(),
                JsonValueKind.Null => "",
                _ => throw CarmenException.Invalid($"{field}[{index}]", "A detail is a line of text."),
            };
            if (kept.Count < MaxDetails)
            {
                kept.Add(text.Length > MaxDetailLength ? text[..MaxDetailLength] : text);
            }

            index++;
        }

        if (code is int given)
        {
            kept.Add(string.Create(CultureInfo.InvariantCulture, $"Code {given}."));
        }

        return kept;
    }

    private static void RequireScalar(JsonElement? value, string field)
    {
        if (value is { ValueKind: not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null) })
        {
            throw CarmenException.Invalid(field, $"\"{field}\" is a number or a string.");
        }
    }
}
