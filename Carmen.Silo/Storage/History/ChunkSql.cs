namespace Carmen.Silo.Storage.History;

/// <summary>The statements both SQL stores run on telemetry_series and telemetry_chunks.</summary>
internal static class ChunkSql
{
    /// <summary>The chunks a query needs, hour by hour and in write order within an hour (@fromBucket: the hour of @from).</summary>
    public const string Read =
        """
        SELECT bucket, data FROM telemetry_chunks
        WHERE series_id = (SELECT id FROM telemetry_series WHERE tenant_id = @tenant AND device_id = @device AND key = @key)
          AND bucket >= @fromBucket AND bucket < @to AND last_ts >= @from AND first_ts < @to
        ORDER BY bucket, id
        """;

    /// <summary>
    /// Retention takes whole chunks whose newest point is older than @cutoff, so a point may outlive the cutoff by
    /// up to an hour. Through the (series, hour) index: a range seek per series, never a scan of every chunk.
    /// </summary>
    public const string Expired = "FROM telemetry_chunks WHERE series_id IN (SELECT id FROM telemetry_series) AND bucket < @cutoff AND last_ts < @cutoff";
}
