using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Silo.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>The alert query index in the embedded store.</summary>
public sealed class SqliteAlertIndex(SqliteDatabase database) : IAlertIndex
{
    public Task UpsertAsync(string tenantId, AlertSummary alert, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.ExecuteNonQuery(AlertIndexRows.UpsertSql, AlertIndexRows.UpsertParameters(tenantId, alert)), cancellationToken);

    public Task RemoveAsync(AlertKey alert, CancellationToken cancellationToken) =>
        database.WriteAsync(transaction => transaction.ExecuteNonQuery(AlertIndexRows.RemoveSql, ("@tenant", alert.TenantId), ("@alert", alert.AlertId)), cancellationToken);

    public Task<AlertPage> QueryAsync(string tenantId, AlertQuery query, CancellationToken cancellationToken)
    {
        var sql = new AlertIndexQuery(tenantId, query);
        return database.ReadAsync(connection =>
        {
            (long total, List<AlertSummary> items) = connection.CountAndPage((sql.CountSql, sql.FilterParameters), sql.PageSql(), AlertIndexRows.ReadSummary);
            return sql.ToPage(items, total);
        }, cancellationToken);
    }

    public Task<AlertReport> ReportAsync(string tenantId, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        database.ReadAsync(connection =>
        {
            using SqliteCommand command = connection.Command(AlertReportSql.Sql, AlertReportSql.Parameters(tenantId, since, until));
            using SqliteDataReader reader = command.ExecuteReader();
            var rows = new List<(string, AlertReportLine)>();
            while (reader.Read())
            {
                rows.Add(AlertReportSql.ReadLine(reader));
            }

            return AlertReportSql.Build(since, until, rows);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListIdsAsync(string tenantId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using SqliteCommand command = connection.Command(AlertIndexRows.ListIdsSql, ("@tenant", tenantId), ("@limit", limit));
            return command.ReadStrings();
        }, cancellationToken);
}
