using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Silo.Storage.Sql;

/// <summary>The usage rollups' SQL, the same on SQLite and PostgreSQL: an upsert that adds, and a read per granularity.</summary>
internal static class ApiUsageSql
{
    private static readonly string[] s_latency = [.. Enumerable.Range(0, ApiLatencyBuckets.Count).Select(bucket => $"l{bucket}")];

    public static readonly string Upsert =
        $"""
        INSERT INTO api_usage (tenant_id, granularity, bucket, principal, key_id, route_group, status_class, requests, duration_ms,
            {string.Join(", ", s_latency)}, bytes_in, bytes_out)
        VALUES (@tenant, @granularity, @bucket, @principal, @key, @group, @class, @requests, @duration,
            {string.Join(", ", s_latency.Select(column => "@" + column))}, @bytesIn, @bytesOut)
        ON CONFLICT (tenant_id, granularity, bucket, principal, key_id, route_group, status_class) DO UPDATE SET
            requests = api_usage.requests + excluded.requests, duration_ms = api_usage.duration_ms + excluded.duration_ms,
            {string.Join(", ", s_latency.Select(column => $"{column} = api_usage.{column} + excluded.{column}"))},
            bytes_in = api_usage.bytes_in + excluded.bytes_in, bytes_out = api_usage.bytes_out + excluded.bytes_out
        """;

    public static readonly string Read =
        $"""
        SELECT bucket, principal, key_id, route_group, status_class, requests, duration_ms, {string.Join(", ", s_latency)}, bytes_in, bytes_out
        FROM api_usage WHERE tenant_id = @tenant AND granularity = @granularity AND bucket >= @from AND bucket < @to
            AND (@key IS NULL OR key_id = @key) AND (@principal IS NULL OR principal = @principal)
        ORDER BY bucket, principal, key_id, route_group, status_class
        """;

    public const string Expire = "DELETE FROM api_usage WHERE granularity = 0 AND bucket < @minutes OR granularity = 1 AND bucket < @days";

    /// <summary>The rows one sample adds to: its minute's and its day's.</summary>
    public static IEnumerable<(string Name, object? Value)[]> Parameters(ApiUsageSample sample)
    {
        long minute = sample.Minute.ToUnixTimeMilliseconds();
        long day = minute - minute % (long)TimeSpan.FromDays(1).TotalMilliseconds;
        foreach ((int granularity, long bucket) in new[] { (0, minute), (1, day) })
        {
            yield return
            [
                ("@tenant", sample.TenantId), ("@granularity", granularity), ("@bucket", bucket), ("@principal", sample.Principal),
                ("@key", sample.KeyId), ("@group", sample.RouteGroup), ("@class", sample.StatusClass), ("@requests", sample.Requests),
                ("@duration", sample.DurationMs), .. s_latency.Select((column, index) => ("@" + column, (object?)sample.Latency[index])),
                ("@bytesIn", sample.BytesIn), ("@bytesOut", sample.BytesOut),
            ];
        }
    }

    public static (string Name, object? Value)[] ReadParameters(string tenantId, ApiUsageQuery query) =>
    [
        ("@tenant", tenantId), ("@granularity", query.ByDay ? 1 : 0), ("@from", query.From.ToUnixTimeMilliseconds()),
        ("@to", query.To.ToUnixTimeMilliseconds()), ("@key", query.KeyId), ("@principal", query.Principal),
    ];

    /// <summary>A row of <see cref="Read"/> as a sample, whichever reader gives the values.</summary>
    public static ApiUsageSample Row(string tenantId, Func<int, object> value)
    {
        int latencyAt = 7;
        return new ApiUsageSample(
            tenantId,
            DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value(0), System.Globalization.CultureInfo.InvariantCulture)),
            (string)value(1),
            (string)value(2),
            (string)value(3),
            Convert.ToInt32(value(4), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(value(5), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToDouble(value(6), System.Globalization.CultureInfo.InvariantCulture),
            [.. Enumerable.Range(latencyAt, ApiLatencyBuckets.Count).Select(index => Convert.ToInt64(value(index), System.Globalization.CultureInfo.InvariantCulture))],
            Convert.ToInt64(value(latencyAt + ApiLatencyBuckets.Count), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(value(latencyAt + ApiLatencyBuckets.Count + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
