using Carmen.Grains.Interfaces.Usage;
using Carmen.Grains.Usage;
using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>Usage rollups in carmen.db: a node's flush is one write of the group commit.</summary>
public sealed class SqliteApiUsageStore(SqliteDatabase database) : IApiUsageStore
{
    public Task AddAsync(IReadOnlyList<ApiUsageSample> samples, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            foreach ((string Name, object? Value)[] row in samples.SelectMany(ApiUsageSql.Parameters))
            {
                transaction.ExecuteNonQuery(ApiUsageSql.Upsert, row);
            }

            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ApiUsageSample>> ReadAsync(string tenantId, ApiUsageQuery query, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ApiUsageSample>>(connection =>
        {
            using SqliteCommand command = connection.Command(ApiUsageSql.Read, ApiUsageSql.ReadParameters(tenantId, query));
            using SqliteDataReader reader = command.ExecuteReader();
            var rows = new List<ApiUsageSample>();
            while (reader.Read())
            {
                rows.Add(ApiUsageSql.Row(tenantId, reader.GetValue));
            }

            return rows;
        }, cancellationToken);

    public Task AddClusterAccessAsync(IReadOnlyList<ClusterAccessSample> samples, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            foreach (ClusterAccessSample sample in samples)
            {
                transaction.ExecuteNonQuery(ClusterAccessSql.Upsert, ClusterAccessSql.Parameters(sample));
            }

            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ClusterAccessSample>> ReadClusterAccessAsync(
        string tenantId, string clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<ClusterAccessSample>>(connection =>
        {
            using SqliteCommand command = connection.Command(ClusterAccessSql.Read, ClusterAccessSql.ReadParameters(tenantId, clusterId, since, until));
            using SqliteDataReader reader = command.ExecuteReader();
            var rows = new List<ClusterAccessSample>();
            while (reader.Read())
            {
                rows.Add(ClusterAccessSql.Row(tenantId, clusterId, reader.GetValue));
            }

            return rows;
        }, cancellationToken);

    public Task ExpireAsync(DateTimeOffset minutesBefore, DateTimeOffset daysBefore, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction =>
        {
            transaction.ExecuteNonQuery(ApiUsageSql.Expire, ("@minutes", minutesBefore.ToUnixTimeMilliseconds()), ("@days", daysBefore.ToUnixTimeMilliseconds()));
            return transaction.ExecuteNonQuery(ClusterAccessSql.Expire, ("@days", daysBefore.ToUnixTimeMilliseconds()));
        }, cancellationToken);
}
