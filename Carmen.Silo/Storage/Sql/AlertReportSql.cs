using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Silo.Storage.Sql;

/// <summary>
/// An alert report in one query that SQLite and PostgreSQL share: the same measures over the period's rows, grouped
/// five ways and tagged with the grouping, so a report is one round trip however many groups it has. Tenant-level
/// alerts (no device or cluster) count in the totals, severities and rules only.
/// </summary>
internal static class AlertReportSql
{
    private const string Measures =
        "count(*), coalesce(sum(occurrences), 0), count(acknowledged_at), CAST(avg(acknowledged_at - raised_at) AS double precision), " +
        "count(cleared_at), CAST(avg(cleared_at - raised_at) AS double precision)";

    public const string Sql =
        $"""
        WITH period AS (SELECT * FROM alerts WHERE tenant_id = @tenant AND raised_at >= @from AND raised_at < @to)
        SELECT 'total', '', NULL, {Measures} FROM period
        UNION ALL SELECT 'severity', CAST(severity AS text), NULL, {Measures} FROM period GROUP BY severity
        UNION ALL SELECT 'rule', CAST(rule_id AS text), max(rule_name), {Measures} FROM period GROUP BY rule_id
        UNION ALL SELECT 'cluster', cluster_id, NULL, {Measures} FROM period WHERE cluster_id <> '' GROUP BY cluster_id
        UNION ALL SELECT * FROM (
            SELECT 'device', device_id, NULL, {Measures} FROM period WHERE device_id <> '' GROUP BY device_id ORDER BY count(*) DESC, device_id LIMIT @devices) AS noisiest
        """;

    public static (string Name, object? Value)[] Parameters(string tenantId, DateTimeOffset from, DateTimeOffset to) =>
        [("@tenant", tenantId), ("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds()), ("@devices", AlertReport.MaxNoisyDevices)];

    /// <summary>The current row: its grouping (total, severity, rule, cluster or device) and its line.</summary>
    public static (string Grouping, AlertReportLine Line) ReadLine(DbDataReader reader)
    {
        string grouping = reader.GetString(0);
        string key = reader.GetString(1);
        return (grouping, new AlertReportLine(
            grouping == "severity" ? JsonNamingPolicy.CamelCase.ConvertName(((AlertSeverity)int.Parse(key, CultureInfo.InvariantCulture)).ToString()) : key,
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), Milliseconds(reader, 6), reader.GetInt64(7), Milliseconds(reader, 8)));
    }

    public static AlertReport Build(DateTimeOffset from, DateTimeOffset to, List<(string Grouping, AlertReportLine Line)> rows)
    {
        List<AlertReportLine> Of(string grouping) => [.. rows.Where(row => row.Grouping == grouping).Select(row => row.Line)];
        AlertReportLine total = rows.Find(row => row.Grouping == "total").Line ?? new AlertReportLine("", null, 0, 0, 0, null, 0, null);
        return new AlertReport(from, to, total, [.. Of("severity").OrderBy(line => Enum.Parse<AlertSeverity>(line.Key, ignoreCase: true))],
            MostFirst(Of("rule")), MostFirst(Of("cluster")), MostFirst(Of("device")));
    }

    private static List<AlertReportLine> MostFirst(List<AlertReportLine> lines) =>
        [.. lines.OrderByDescending(line => line.Alerts).ThenBy(line => line.Key, StringComparer.Ordinal)];

    private static TimeSpan? Milliseconds(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : TimeSpan.FromMilliseconds(Math.Round(reader.GetDouble(ordinal)));
}
