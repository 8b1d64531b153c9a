using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Carmen.Node.Tests.Audit;

/// <summary>The node's audit.db opened behind its back, as someone with access to the disk would.</summary>
public static class AuditStoreFile
{
    public static async Task<int> ExecuteAsync(string dataDirectory, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "audit.db")};Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Changes a record's text as a careless forger would (the hash left as it was).</summary>
    public static Task<int> AlterAsync(string dataDirectory, string chain, long id, string from, string to) =>
        ExecuteAsync(dataDirectory, "UPDATE audit_records SET body = replace(body, @from, @to) WHERE chain = @chain AND id = @id",
            ("@chain", chain), ("@id", id), ("@from", from), ("@to", to));

    /// <summary>Changes a record's text and its hash, as a careful forger would.</summary>
    public static async Task<int> RewriteAsync(string dataDirectory, string chain, long id, string from, string to)
    {
        await AlterAsync(dataDirectory, chain, id, from, to);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "audit.db")};Pooling=False");
        await connection.OpenAsync();
        await using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "SELECT body FROM audit_records WHERE chain = @chain AND id = @id";
        read.Parameters.AddWithValue("@chain", chain);
        read.Parameters.AddWithValue("@id", id);
        string body = (string)(await read.ExecuteScalarAsync())!;
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        return await ExecuteAsync(dataDirectory, "UPDATE audit_records SET hash = @hash WHERE chain = @chain AND id = @id", ("@chain", chain), ("@id", id), ("@hash", hash));
    }

    public static Task<int> DeleteAsync(string dataDirectory, string chain, long id) =>
        ExecuteAsync(dataDirectory, "DELETE FROM audit_records WHERE chain = @chain AND id = @id", ("@chain", chain), ("@id", id));
}
