using Npgsql;

namespace Carmen.Silo.Storage.Postgres;

/// <summary>Commands with '@' parameters given as pairs, as the SQL shared with the embedded store writes them.</summary>
internal static class NpgsqlCommands
{
    /// <summary>A command for an <see cref="NpgsqlBatch"/>.</summary>
    public static NpgsqlBatchCommand Batched(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>A single command on a pooled connection of the data source.</summary>
    public static NpgsqlCommand Command(this NpgsqlDataSource database, string sql, params (string Name, object? Value)[] parameters)
    {
        NpgsqlCommand command = database.CreateCommand(sql);
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>A listing in one round trip: the count query's single value, then every row of the page query.</summary>
    public static async Task<(long Total, List<T> Rows)> CountAndPageAsync<T>(
        this NpgsqlDataSource database,
        (string Sql, IReadOnlyList<(string Name, object? Value)> Parameters) count,
        (string Sql, IReadOnlyList<(string Name, object? Value)> Parameters) page,
        Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Batched(count.Sql, [.. count.Parameters]));
        batch.BatchCommands.Add(Batched(page.Sql, [.. page.Parameters]));
        await using NpgsqlDataReader reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        long total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return (total, rows);
    }
}
