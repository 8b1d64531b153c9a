namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// The alerts of one group in a report (a severity, rule, cluster or device; or all): how many, how often they
/// recurred, and how quickly they were acknowledged and cleared (means over those that were).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertReportLine")]
public sealed record AlertReportLine(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Name,
    [property: Id(2)] long Alerts,
    [property: Id(3)] long Occurrences,
    [property: Id(4)] long Acknowledged,
    [property: Id(5)] TimeSpan? MeanTimeToAcknowledge,
    [property: Id(6)] long Cleared,
    [property: Id(7)] TimeSpan? MeanTimeToClear);
