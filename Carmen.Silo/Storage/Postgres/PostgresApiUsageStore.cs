using Carmen.Grains.Interfaces.Usage;
using Carmen.Grains.Usage;
using Carmen.Silo.Storage.Sql;
using Npgsql;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>Usage rollups on PostgreSQL: a node's flush is one batch of upserts, one round trip.</summary>
public sealed class PostgresApiUsageStore(NpgsqlDataSource database) : IApiUsageStore
{
    public async Task AddAsync(IReadOnlyList<ApiUsageSample> samples, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach ((string Name, object? Value)[] row in samples.SelectMany(ApiUsageSql.Parameters))
        {
            batch.BatchCommands.Add(NpgsqlCommands.Batched(ApiUsageSql.Upsert, row));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiUsageSample>> ReadAsync(string tenantId, ApiUsageQuery query, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(ApiUsageSql.Read, ApiUsageSql.ReadParameters(tenantId, query));
        foreach (string optional in new[] { "@key", "@principal" })
        {
            command.Parameters[optional].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text; // "@key IS NULL" needs a type when it is null
        }

        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ApiUsageSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ApiUsageSql.Row(tenantId, reader.GetValue));
        }

        return rows;
    }

    public async Task AddClusterAccessAsync(IReadOnlyList<ClusterAccessSample> samples, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (ClusterAccessSample sample in samples)
        {
            batch.BatchCommands.Add(NpgsqlCommands.Batched(ClusterAccessSql.Upsert, ClusterAccessSql.Parameters(sample)));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ClusterAccessSample>> ReadClusterAccessAsync(
        string tenantId, string clusterId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(ClusterAccessSql.Read, ClusterAccessSql.ReadParameters(tenantId, clusterId, since, until));
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ClusterAccessSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ClusterAccessSql.Row(tenantId, clusterId, reader.GetValue));
        }

        return rows;
    }

    public async Task ExpireAsync(DateTimeOffset minutesBefore, DateTimeOffset daysBefore, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                NpgsqlCommands.Batched(ApiUsageSql.Expire, ("@minutes", minutesBefore.ToUnixTimeMilliseconds()), ("@days", daysBefore.ToUnixTimeMilliseconds())),
                NpgsqlCommands.Batched(ClusterAccessSql.Expire, ("@days", daysBefore.ToUnixTimeMilliseconds())),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
