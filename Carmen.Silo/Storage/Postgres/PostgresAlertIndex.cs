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
        (long total, List<AlertSummary> items) = await database.CountAndPageAsync(
            (sql.CountSql, sql.FilterParameters), sql.PageSql(), AlertIndexRows.ReadSummary, cancellationToken);
        return sql.ToPage(items, total);
    }

    public async Task<AlertReport> ReportAsync(string tenantId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = database.Command(AlertReportSql.Sql, AlertReportSql.Parameters(tenantId, since, until));
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, AlertReportLine)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(AlertReportSql.ReadLine(reader));
        }

        return AlertReportSql.Build(since, until, rows);
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
