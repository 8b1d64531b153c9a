using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Api.Contracts;

/// <summary>An alert report as JSON: the period, the totals, and the lines by severity, rule, cluster and noisiest device.</summary>
public sealed record AlertReportResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    AlertReportLineResponse Total,
    IReadOnlyList<AlertReportLineResponse> BySeverity,
    IReadOnlyList<AlertReportLineResponse> ByRule,
    IReadOnlyList<AlertReportLineResponse> ByCluster,
    IReadOnlyList<AlertReportLineResponse> NoisyDevices)
{
    public static AlertReportResponse Of(AlertReport report) => new(
        report.From, report.To, AlertReportLineResponse.From(report.Total), Lines(report.BySeverity), Lines(report.ByRule),
        Lines(report.ByCluster), Lines(report.NoisyDevices));

    private static AlertReportLineResponse[] Lines(IReadOnlyList<AlertReportLine> lines) => [.. lines.Select(AlertReportLineResponse.From)];
}
