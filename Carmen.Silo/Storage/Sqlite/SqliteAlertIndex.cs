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
            long total = connection.ExecuteScalar<long>(sql.CountSql, [.. sql.FilterParameters]);
            (string pageSql, IReadOnlyList<(string Name, object? Value)> parameters) = sql.PageSql();
            using SqliteCommand command = connection.Command(pageSql, [.. parameters]);
            using SqliteDataReader reader = command.ExecuteReader();
            var items = new List<AlertSummary>(query.PageSize + 1);
            while (reader.Read())
            {
                items.Add(AlertIndexRows.ReadSummary(reader));
            }

            return sql.ToPage(items, total);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListIdsAsync(string tenantId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<string>>(connection =>
        {
            using SqliteCommand command = connection.Command(AlertIndexRows.ListIdsSql, ("@tenant", tenantId), ("@limit", limit));
            return command.ReadStrings();
        }, cancellationToken);
}
