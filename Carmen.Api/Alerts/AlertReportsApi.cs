using System.Globalization;
using System.Text;
using Carmen.Api.Access;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Alerts;

/// <summary>
/// A tenant's alert report for a period (the last 30 days unless given): counts by severity, rule and cluster, mean
/// times to acknowledge and to clear, and the noisiest devices, as JSON or as CSV for a spreadsheet.
/// </summary>
public static class AlertReportsApi
{
    private static readonly TimeSpan s_defaultPeriod = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapAlertReportsApi(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/reports/alerts", GetAsync).WithTags("Alerts").RequirePermission(Permissions.AlertsRead);
        return tenant;
    }

    public static async Task<Results<Ok<AlertReportResponse>, FileContentHttpResult>> GetAsync(
        [AsParameters] TenantScope scope, string? from, string? to, string? format, TimeProvider time)
    {
        bool csv = format?.ToLowerInvariant() switch
        {
            null or "json" => false,
            "csv" => true,
            _ => throw CarmenException.Invalid("format", "format is json or csv."),
        };
        DateTimeOffset until = QueryTimes.Parse(to, "to") ?? time.GetUtcNow();
        DateTimeOffset since = QueryTimes.Parse(from, "from") ?? until - s_defaultPeriod;
        AlertReport report = await scope.Grains.GetGrain<ITenantAlertsGrain>(scope.TenantId).ReportAsync(since, until, scope.CancellationToken);
        return csv
            ? TypedResults.File(Encoding.UTF8.GetBytes(Csv(report)), "text/csv; charset=utf-8", $"alerts-{scope.TenantId}-{since:yyyyMMdd}-{until:yyyyMMdd}.csv")
            : TypedResults.Ok(AlertReportResponse.Of(report));
    }

    private static string Csv(AlertReport report)
    {
        var csv = new StringBuilder("grouping,key,name,alerts,occurrences,acknowledged,meanSecondsToAcknowledge,cleared,meanSecondsToClear\r\n");
        Append(csv, "total", [report.Total]);
        Append(csv, "severity", report.BySeverity);
        Append(csv, "rule", report.ByRule);
        Append(csv, "cluster", report.ByCluster);
        Append(csv, "device", report.NoisyDevices);
        return csv.ToString();
    }

    private static void Append(StringBuilder csv, string grouping, IReadOnlyList<AlertReportLine> lines)
    {
        foreach (AlertReportLine line in lines)
        {
            csv.AppendJoin(',',
                grouping, Field(line.Key), Field(line.Name ?? ""), Number(line.Alerts), Number(line.Occurrences), Number(line.Acknowledged),
                Seconds(line.MeanTimeToAcknowledge), Number(line.Cleared), Seconds(line.MeanTimeToClear)).Append("\r\n");
        }
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs a device id as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan? value) => value?.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
}
