using System.Text;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Silo.Storage.Sql;

/// <summary>The audit trail's SQL, the same on SQLite and PostgreSQL ('@' parameters, times in Unix milliseconds).</summary>
internal static class AuditSql
{
    public const string Columns = "id, body, hash";

    public const string InsertRecord =
        """
        INSERT INTO audit_records (chain, id, at, source, actor, action, target_type, target_id, address, body, hash)
        VALUES (@chain, @id, @at, @source, @actor, @action, @targetType, @targetId, @address, @body, @hash)
        """;

    public const string Probe = "SELECT count(*) FROM audit_records WHERE chain = @chain AND id = 0";

    public const string Head = "SELECT id, hash FROM audit_records WHERE chain = @chain ORDER BY id DESC LIMIT 1";

    public const string ReadFrom = $"SELECT {Columns} FROM audit_records WHERE chain = @chain AND id >= @from ORDER BY id LIMIT @limit";

    public const string FirstAtOrAfter = "SELECT min(id) FROM audit_records WHERE chain = @chain AND at >= @at";

    public const string LastBefore = "SELECT max(id) FROM audit_records WHERE chain = @chain AND at < @at";

    public const string InsertCheckpoint =
        """
        INSERT INTO audit_checkpoints (chain, record_id, record_hash, at, key_id, signature)
        VALUES (@chain, @record, @hash, @at, @key, @signature) ON CONFLICT (chain, record_id) DO NOTHING
        """;

    public const string Checkpoints =
        "SELECT record_id, record_hash, at, key_id, signature FROM audit_checkpoints WHERE chain = @chain ORDER BY record_id";

    public const string DeleteRecords = "DELETE FROM audit_records WHERE chain = @chain AND id <= @through";

    public const string DeleteCheckpoints = "DELETE FROM audit_checkpoints WHERE chain = @chain AND record_id < @through";

    public const string InsertKey =
        "INSERT INTO audit_keys (key_id, public_key, created_at) VALUES (@key, @public, @created) ON CONFLICT (key_id) DO NOTHING";

    public const string Keys = "SELECT key_id, public_key, created_at FROM audit_keys ORDER BY created_at DESC";

    /// <summary><see cref="SecurityEventTypes.IsSecurityRelevant"/> in SQL.</summary>
    private static readonly string s_securityView =
        $"(source = '{AuditSources.Security}' OR source = '{AuditSources.Api}' AND (target_type IN ({string.Join(", ", SecurityEventTypes.ApiTargets.Select(target => $"'{target}'"))})"
        + string.Concat(SecurityEventTypes.ApiActionPrefixes.Select(prefix => $" OR action LIKE '{prefix}%'")) + "))";

    /// <summary>A filtered page, newest first; only the filters given take part.</summary>
    public static (string Sql, List<(string Name, object? Value)> Parameters) Query(string chain, AuditQuery query)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM audit_records WHERE chain = @chain");
        var parameters = new List<(string Name, object? Value)> { ("@chain", chain), ("@limit", query.Limit) };
        void Filter(string condition, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(condition);
                parameters.Add((name, value));
            }
        }

        Filter("at >= @from", "@from", query.From?.ToUnixTimeMilliseconds());
        Filter("at < @to", "@to", query.To?.ToUnixTimeMilliseconds());
        Filter("actor = @actor", "@actor", query.Actor);
        Filter("action = @action", "@action", query.Action);
        Filter("target_type = @targetType", "@targetType", query.TargetType);
        Filter("target_id = @targetId", "@targetId", query.TargetId);
        Filter("source = @source", "@source", query.Source);
        Filter("id < @before", "@before", query.BeforeId);
        Filter("address = @address", "@address", query.Address);
        if (query.SecurityOnly)
        {
            sql.Append(" AND ").Append(s_securityView);
        }

        sql.Append(" ORDER BY id DESC LIMIT @limit");
        return (sql.ToString(), parameters);
    }

    public static (string Name, object? Value)[] RecordParameters(string chain, Grains.Audit.AuditStoreRow row) =>
    [
        ("@chain", chain), ("@id", row.Id), ("@at", row.At.ToUnixTimeMilliseconds()), ("@source", row.Source), ("@actor", row.Actor),
        ("@action", row.Action), ("@targetType", row.TargetType), ("@targetId", row.TargetId), ("@address", row.Address), ("@body", row.Body),
        ("@hash", row.Hash),
    ];
}
