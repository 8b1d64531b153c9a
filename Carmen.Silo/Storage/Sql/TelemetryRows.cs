using System.Data.Common;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Telemetry;

namespace Carmen.Silo.Storage.Sql;

/// <summary>
/// How telemetry history is read in every SQL store; buckets start at the query's From. A store names where one
/// series' points are (<c>seriesSource</c>: a FROM clause and the WHERE condition picking @tenant, @device and @key),
/// and the rest is shared.
/// </summary>
internal static class TelemetryRows
{
    public static string ReadSql(string seriesSource) =>
        $"""
        SELECT ts, kind, num, text {seriesSource} AND ts >= @from AND ts < @to
        ORDER BY ts LIMIT @limit
        """;

    /// <summary>Counts every point; the other aggregates take the numeric (and boolean) ones.</summary>
    public static string AggregateSql(TelemetryAggregation aggregation, string seriesSource)
    {
        string function = aggregation switch
        {
            TelemetryAggregation.Avg => "avg(num)",
            TelemetryAggregation.Min => "min(num)",
            TelemetryAggregation.Max => "max(num)",
            TelemetryAggregation.Count => "count(*)",
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Raw reads are not aggregated."),
        };
        string numericOnly = aggregation == TelemetryAggregation.Count ? "" : "AND num IS NOT NULL";
        return $"""
            SELECT @from + ((ts - @from) / @interval) * @interval AS bucket, {function} {seriesSource}
            AND ts >= @from AND ts < @to {numericOnly}
            GROUP BY bucket ORDER BY bucket LIMIT @limit
            """;
    }

    public static HistoryPoint ReadPoint(DbDataReader reader)
    {
        var kind = (TelemetryValueKind)reader.GetInt32(1);
        return new HistoryPoint(reader.GetInt64(0), new TelemetryValue(
            kind, reader.IsDBNull(2) ? 0 : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
    }

    public static HistoryPoint ReadBucket(DbDataReader reader) =>
        new(reader.GetInt64(0), TelemetryValue.FromNumber(Convert.ToDouble(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The numeric column: numbers and booleans (as 1 or 0), so they aggregate.</summary>
    public static object Number(TelemetryValue value) =>
        value.Kind is TelemetryValueKind.Number or TelemetryValueKind.Boolean ? value.Number : DBNull.Value;

    public static object Text(TelemetryValue value) => (object?)value.Text ?? DBNull.Value;
}
