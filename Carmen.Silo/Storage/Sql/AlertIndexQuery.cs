using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Silo.Storage.Sql;

/// <summary>
/// Builds the SQL of an alert listing from an <see cref="AlertQuery"/>: filters, then newest first with a keyset seek
/// on (raised_at, alert_id), in the SQL that SQLite and PostgreSQL share.
/// </summary>
internal sealed class AlertIndexQuery
{
    private readonly StringBuilder _where = new("tenant_id = @tenant");
    private readonly List<(string Name, object? Value)> _parameters = [];
    private readonly AlertQuery _query;

    public AlertIndexQuery(string tenantId, AlertQuery query)
    {
        if (query.PageSize is < 1 or > AlertQuery.MaxPageSize)
        {
            throw CarmenException.Invalid("pageSize", $"pageSize is 1 to {AlertQuery.MaxPageSize}.");
        }

        _query = query;
        _parameters.Add(("@tenant", tenantId));
        if (query.States is { Count: > 0 } states)
        {
            _where.Append(" AND state IN (").AppendJoin(", ", states.Distinct().Select((state, i) => Parameter($"@state{i}", (int)state))).Append(')');
        }

        AddCondition("severity =", "@severity", query.Severity is AlertSeverity severity ? (int)severity : null);
        AddCondition("device_id =", "@device", query.DeviceId);
        AddCondition("rule_id =", "@rule", query.RuleId);
        AddCondition("cluster_id =", "@cluster", query.ClusterId);
        if (query.ClusterIds is { } clusters)
        {
            _where.Append(clusters.Count == 0
                ? " AND 1 = 0"
                : $" AND cluster_id IN ({string.Join(", ", clusters.Select((cluster, i) => Parameter($"@inCluster{i}", cluster)))})");
        }

        AddCondition("team_ids LIKE", "@team", query.TeamId is long teamId ? AlertIndexRows.TeamPattern(teamId) : null);
        AddCondition("raised_at >=", "@from", query.From?.ToUnixTimeMilliseconds());
        AddCondition("raised_at <", "@to", query.To?.ToUnixTimeMilliseconds());
    }

    public IReadOnlyList<(string Name, object? Value)> FilterParameters => _parameters;

    public string CountSql => $"SELECT count(*) FROM alerts WHERE {_where}";

    /// <summary>The page query; it fetches one row more than the page to learn whether another page follows.</summary>
    public (string Sql, IReadOnlyList<(string Name, object? Value)> Parameters) PageSql()
    {
        var parameters = new List<(string, object?)>(_parameters) { ("@limit", _query.PageSize + 1) };
        string seek = "";
        if (_query.ContinuationToken is string token)
        {
            (long raisedAt, string alertId) = Decode(token);
            parameters.Add(("@afterRaised", raisedAt));
            parameters.Add(("@afterId", alertId));
            seek = " AND (raised_at, alert_id) < (@afterRaised, @afterId)";
        }

        return ($"SELECT {AlertIndexRows.Columns} FROM alerts WHERE {_where}{seek} ORDER BY raised_at DESC, alert_id DESC LIMIT @limit", parameters);
    }

    /// <summary>The page from the rows <see cref="PageSql"/> returned: the extra row, if any, becomes the continuation token.</summary>
    public AlertPage ToPage(List<AlertSummary> rows, long total)
    {
        string? next = null;
        if (rows.Count > _query.PageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            next = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{rows[^1].RaisedAt.ToUnixTimeMilliseconds()}:{rows[^1].Id}"));
        }

        return new AlertPage(rows, total, next);
    }

    private static (long RaisedAt, string AlertId) Decode(string token)
    {
        string text = Base64Url.IsValid(token) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)) : "";
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out long raisedAt)
            ? (raisedAt, text[(colon + 1)..])
            : throw CarmenException.Invalid("continuationToken", "The continuation token is not valid for this listing; start again without it.");
    }

    private void AddCondition(string comparison, string name, object? value)
    {
        if (value is not null)
        {
            _where.Append($" AND {comparison} {Parameter(name, value)}");
        }
    }

    private string Parameter(string name, object? value)
    {
        _parameters.Add((name, value));
        return name;
    }
}
