using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// Terse command helpers; parameters are passed as (name, value) pairs with '@' names. Statements run in a transaction
/// keep their compiled form per connection: Microsoft.Data.Sqlite compiles SQL per command object, and compiling the
/// same few statements again for every write was a large share of the writer's time (a 100,000-device rollout: 10%).
/// </summary>
internal static class SqliteCommandExtensions
{
    /// <summary>Enough for every fixed statement; SQL built per call (varying lengths) beyond it runs uncached.</summary>
    private const int MaxPreparedPerConnection = 64;

    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> s_keptCommands = [];

    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static SqliteCommand Command(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = transaction.Connection!.Command(sql, parameters);
        command.Transaction = transaction;
        return command;
    }

    public static int ExecuteNonQuery(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = connection.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static int ExecuteNonQuery(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        WithPrepared(transaction, sql, parameters, command => command.ExecuteNonQuery());

    public static T? ExecuteScalar<T>(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = connection.Command(sql, parameters);
        return Scalar<T>(command);
    }

    public static T? ExecuteScalar<T>(this SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        WithPrepared(transaction, sql, parameters, Scalar<T>);

    /// <summary>
    /// Runs <paramref name="run"/> on the connection's kept command for <paramref name="sql"/>, with these parameters
    /// bound. Transactions run on the writer's long-lived connection, which serves one thread at a time, so its kept
    /// commands need no lock.
    /// </summary>
    private static T WithPrepared<T>(SqliteTransaction transaction, string sql, (string Name, object? Value)[] parameters, Func<SqliteCommand, T> run)
    {
        SqliteConnection connection = transaction.Connection!;
        Dictionary<string, SqliteCommand> kept = s_keptCommands.GetOrCreateValue(connection);
        if (!kept.TryGetValue(sql, out SqliteCommand? command))
        {
            if (kept.Count >= MaxPreparedPerConnection)
            {
                using SqliteCommand once = connection.Command(sql, parameters);
                once.Transaction = transaction;
                return run(once);
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            kept[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return run(command);
    }

    /// <summary>A listing: the count query's single value, then every row of the page query.</summary>
    public static (long Total, List<T> Rows) CountAndPage<T>(
        this SqliteConnection connection,
        (string Sql, IReadOnlyList<(string Name, object? Value)> Parameters) count,
        (string Sql, IReadOnlyList<(string Name, object? Value)> Parameters) page,
        Func<SqliteDataReader, T> read)
    {
        long total = connection.ExecuteScalar<long>(count.Sql, [.. count.Parameters]);
        using SqliteCommand command = connection.Command(page.Sql, [.. page.Parameters]);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return (total, rows);
    }

    /// <summary>The first column of every row, as text (ids).</summary>
    public static List<string> ReadStrings(this SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static T? Scalar<T>(SqliteCommand command)
    {
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
