using System.Text;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Storage.Sql;

/// <summary>
/// Builds the SQL of a device listing from a <see cref="DeviceQuery"/>: filters, keyset seek, order, limit.
/// Written in the SQL that SQLite and PostgreSQL share (row-value comparison, '@' parameters), so every store
/// implementation of the index runs the same text.
/// </summary>
internal sealed class DeviceIndexQuery
{
    private const string Columns = "device_id, name, cluster_id, device_type, labels, status, firmware_version, created_at, last_seen_at, is_gateway, gateway_id";

    private readonly StringBuilder _where = new("tenant_id = @tenant");
    private readonly List<(string Name, object? Value)> _parameters = [];

    public DeviceIndexQuery(string tenantId, DeviceQuery query)
    {
        if (query.PageSize is < 1 or > DeviceQuery.MaxPageSize)
        {
            throw CarmenException.Invalid("pageSize", $"pageSize is 1 to {DeviceQuery.MaxPageSize}.");
        }

        Query = query;
        _parameters.Add(("@tenant", tenantId));
        if (query.ClusterIds is { Count: > 0 } clusters)
        {
            _where.Append(" AND cluster_id IN (").AppendJoin(", ", clusters.Select((cluster, i) => Parameter($"@cluster{i}", cluster))).Append(')');
        }

        AddEquals("status", query.Status is DeviceStatus status ? (int)status : null);
        AddEquals("device_type", query.Type);
        AddEquals("firmware_version", query.FirmwareVersion);
        AddEquals("gateway_id", query.GatewayId);
        if (!string.IsNullOrEmpty(query.NamePrefix))
        {
            string prefix = query.NamePrefix.ToLowerInvariant();
            _where.Append($" AND name_key >= {Parameter("@prefix", prefix)} AND name_key < {Parameter("@prefixEnd", prefix + char.MaxValue)}");
        }

        foreach ((string label, int i) in (query.Labels ?? []).Select((label, i) => (label, i)))
        {
            _where.Append($" AND device_id IN (SELECT device_id FROM device_labels WHERE tenant_id = @tenant AND label = {Parameter($"@label{i}", label)})");
        }
    }

    public DeviceQuery Query { get; }

    public IReadOnlyList<(string Name, object? Value)> FilterParameters => _parameters;

    public string CountSql => $"SELECT count(*) FROM devices WHERE {_where}";

    /// <summary>The page query; it fetches one row more than the page to learn whether another page follows.</summary>
    public (string Sql, IReadOnlyList<(string Name, object? Value)> Parameters) PageSql()
    {
        string sortColumn = Query.Sort switch
        {
            DeviceSortField.Id => "device_id",
            DeviceSortField.CreatedAt => "created_at",
            DeviceSortField.LastSeenAt => "last_seen_at",
            _ => "name_key",
        };
        string direction = Query.Descending ? "DESC" : "ASC";
        var parameters = new List<(string, object?)>(_parameters) { ("@limit", Query.PageSize + 1) };
        string seek = "";
        if (Query.ContinuationToken is not null)
        {
            DeviceCursor cursor = DeviceCursor.Decode(Query.ContinuationToken, Query);
            object after = Query.Sort is DeviceSortField.CreatedAt or DeviceSortField.LastSeenAt ? cursor.Number : cursor.Text ?? "";
            parameters.Add(("@afterKey", after));
            parameters.Add(("@afterId", cursor.DeviceId));
            seek = Query.Sort == DeviceSortField.Id
                ? $" AND device_id {(Query.Descending ? "<" : ">")} @afterId"
                : $" AND ({sortColumn}, device_id) {(Query.Descending ? "<" : ">")} (@afterKey, @afterId)";
        }

        string order = Query.Sort == DeviceSortField.Id ? $"device_id {direction}" : $"{sortColumn} {direction}, device_id {direction}";
        return ($"SELECT {Columns} FROM devices WHERE {_where}{seek} ORDER BY {order} LIMIT @limit", parameters);
    }

    /// <summary>The page from the rows <see cref="PageSql"/> returned: the extra row, if any, becomes the continuation token.</summary>
    public DevicePage ToPage(List<DeviceSummary> rows, long total)
    {
        string? next = null;
        if (rows.Count > Query.PageSize)
        {
            rows.RemoveAt(rows.Count - 1);
            next = NextToken(rows[^1]);
        }

        return new DevicePage(rows, total, next);
    }

    /// <summary>The token pointing after <paramref name="last"/>.</summary>
    private string NextToken(DeviceSummary last) => new DeviceCursor(
        Query.Sort,
        Query.Descending,
        Query.Sort == DeviceSortField.Name ? last.Name.ToLowerInvariant() : null,
        Query.Sort switch
        {
            DeviceSortField.CreatedAt => last.CreatedAt.ToUnixTimeMilliseconds(),
            DeviceSortField.LastSeenAt => last.LastSeenAt?.ToUnixTimeMilliseconds() ?? 0,
            _ => 0,
        },
        last.Id).Encode();

    private void AddEquals(string column, object? value)
    {
        if (value is not null)
        {
            _where.Append($" AND {column} = {Parameter($"@{column}", value)}");
        }
    }

    private string Parameter(string name, object? value)
    {
        _parameters.Add((name, value));
        return name;
    }
}
