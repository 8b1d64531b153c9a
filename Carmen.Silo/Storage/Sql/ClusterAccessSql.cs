using System.Globalization;
using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Silo.Storage.Sql;

/// <summary>The cluster access rollup's SQL, the same on SQLite and PostgreSQL: an upsert that adds, and a read of one cluster.</summary>
internal static class ClusterAccessSql
{
    public const string Upsert =
        """
        INSERT INTO api_cluster_access (tenant_id, cluster_id, hour, principal, key_id, reads, changes)
        VALUES (@tenant, @cluster, @hour, @principal, @key, @reads, @changes)
        ON CONFLICT (tenant_id, cluster_id, hour, principal, key_id) DO UPDATE SET
            reads = api_cluster_access.reads + excluded.reads, changes = api_cluster_access.changes + excluded.changes
        """;

    public const string Read =
        """
        SELECT hour, principal, key_id, reads, changes FROM api_cluster_access
        WHERE tenant_id = @tenant AND cluster_id = @cluster AND hour >= @from AND hour < @to
        ORDER BY hour, principal, key_id
        """;

    public const string Expire = "DELETE FROM api_cluster_access WHERE hour < @days";

    public static (string Name, object? Value)[] Parameters(ClusterAccessSample sample) =>
    [
        ("@tenant", sample.TenantId), ("@cluster", sample.ClusterId), ("@hour", sample.Hour.ToUnixTimeMilliseconds()),
        ("@principal", sample.Principal), ("@key", sample.KeyId), ("@reads", sample.Reads), ("@changes", sample.Changes),
    ];

    public static (string Name, object? Value)[] ReadParameters(string tenantId, string clusterId, DateTimeOffset from, DateTimeOffset to) =>
        [("@tenant", tenantId), ("@cluster", clusterId), ("@from", from.ToUnixTimeMilliseconds()), ("@to", to.ToUnixTimeMilliseconds())];

    /// <summary>A row of <see cref="Read"/> as a sample, whichever reader gives the values.</summary>
    public static ClusterAccessSample Row(string tenantId, string clusterId, Func<int, object> value) => new(
        tenantId,
        clusterId,
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value(0), CultureInfo.InvariantCulture)),
        (string)value(1),
        (string)value(2),
        Convert.ToInt64(value(3), CultureInfo.InvariantCulture),
        Convert.ToInt64(value(4), CultureInfo.InvariantCulture));
}
