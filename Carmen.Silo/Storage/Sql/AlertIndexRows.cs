using System.Data.Common;
using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Silo.Storage.Sql;

/// <summary>How an alert index row is written and read, the same in every SQL store.</summary>
internal static class AlertIndexRows
{
    public const string Columns =
        "alert_id, device_id, cluster_id, rule_id, rule_name, severity, state, raised_at, last_occurred_at, occurrences, acknowledged_at, cleared_at, assignee, team_ids";

    public const string UpsertSql =
        $"""
        INSERT INTO alerts (tenant_id, {Columns})
        VALUES (@tenant, @alert, @device, @cluster, @rule, @ruleName, @severity, @state, @raised, @lastOccurred, @occurrences, @acknowledged, @cleared, @assignee, @teams)
        ON CONFLICT (tenant_id, alert_id) DO UPDATE SET
            state = excluded.state, last_occurred_at = excluded.last_occurred_at, occurrences = excluded.occurrences,
            acknowledged_at = excluded.acknowledged_at, cleared_at = excluded.cleared_at, assignee = excluded.assignee
        """;

    public const string RemoveSql = "DELETE FROM alerts WHERE tenant_id = @tenant AND alert_id = @alert";

    public const string ListIdsSql = "SELECT alert_id FROM alerts WHERE tenant_id = @tenant LIMIT @limit";

    /// <summary>The parameters of <see cref="UpsertSql"/>.</summary>
    public static (string Name, object? Value)[] UpsertParameters(string tenantId, AlertSummary alert) =>
    [
        ("@tenant", tenantId), ("@alert", alert.Id), ("@device", alert.DeviceId), ("@cluster", alert.ClusterId), ("@rule", alert.RuleId),
        ("@ruleName", alert.RuleName), ("@severity", (int)alert.Severity), ("@state", (int)alert.State),
        ("@raised", alert.RaisedAt.ToUnixTimeMilliseconds()), ("@lastOccurred", alert.LastOccurredAt.ToUnixTimeMilliseconds()),
        ("@occurrences", alert.Occurrences), ("@acknowledged", alert.AcknowledgedAt?.ToUnixTimeMilliseconds()),
        ("@cleared", alert.ClearedAt?.ToUnixTimeMilliseconds()), ("@assignee", alert.Assignee), ("@teams", TeamIds(alert.TeamIds)),
    ];

    /// <summary>",1,4,": every id between commas, so one team's alerts are found with LIKE '%,1,%'; null for none.</summary>
    public static string? TeamIds(IReadOnlyList<long>? teamIds) =>
        teamIds is { Count: > 0 } ? $",{string.Join(',', teamIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)))}," : null;

    /// <summary>The LIKE pattern matching <see cref="TeamIds"/> that hold <paramref name="teamId"/>.</summary>
    public static string TeamPattern(long teamId) => $"%,{teamId.ToString(System.Globalization.CultureInfo.InvariantCulture)},%";

    /// <summary>Reads a row of <see cref="Columns"/>.</summary>
    public static AlertSummary ReadSummary(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt64(3),
        reader.GetString(4),
        (AlertSeverity)reader.GetInt32(5),
        (AlertState)reader.GetInt32(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
        reader.GetInt32(9),
        reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
        reader.IsDBNull(11) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
        reader.IsDBNull(12) ? null : reader.GetString(12),
        reader.IsDBNull(13) ? [] : [.. reader.GetString(13).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, System.Globalization.CultureInfo.InvariantCulture))]);
}
