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
}
