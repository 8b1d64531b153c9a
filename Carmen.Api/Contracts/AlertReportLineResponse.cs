using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Api.Contracts;

/// <summary>One group of a report; mean times in seconds, null when no alert of the group was acknowledged (or cleared).</summary>
public sealed record AlertReportLineResponse(
    string Key,
    string? Name,
    long Alerts,
    long Occurrences,
    long Acknowledged,
    double? MeanSecondsToAcknowledge,
    long Cleared,
    double? MeanSecondsToClear)
{
    public static AlertReportLineResponse From(AlertReportLine line) => new(
        line.Key, line.Name, line.Alerts, line.Occurrences, line.Acknowledged, line.MeanTimeToAcknowledge?.TotalSeconds, line.Cleared,
        line.MeanTimeToClear?.TotalSeconds);
}
