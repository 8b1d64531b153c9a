using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Silo.Storage.Sql;
using Npgsql;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>The alert query index in PostgreSQL: the same SQL as the embedded store; a listing's count and page are one round trip.</summary>
public sealed class PostgresAlertIndex(NpgsqlDataSource database) : IAlertIndex
{
    public async Task UpsertAsync(string tenantId, AlertSummary alert, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AlertIndexRows.UpsertSql, AlertIndexRows.UpsertParameters(tenantId, alert));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RemoveAsync(AlertKey alert, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AlertIndexRows.RemoveSql, ("@tenant", alert.TenantId), ("@alert", alert.AlertId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AlertPage> QueryAsync(string tenantId, AlertQuery query, CancellationToken cancellationToken)
    {
        var sql = new AlertIndexQuery(tenantId, query);
        (string pageSql, IReadOnlyList<(string Name, object? Value)> parameters) = sql.PageSql();
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(NpgsqlCommands.Batched(sql.CountSql, [.. sql.FilterParameters]));
        batch.BatchCommands.Add(NpgsqlCommands.Batched(pageSql, [.. parameters]));
        await using NpgsqlDataReader reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<AlertSummary>(query.PageSize + 1);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(AlertIndexRows.ReadSummary(reader));
        }

        return sql.ToPage(items, total);
    }

    public async Task<IReadOnlyList<string>> ListIdsAsync(string tenantId, int limit, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AlertIndexRows.ListIdsSql, ("@tenant", tenantId), ("@limit", limit));
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
