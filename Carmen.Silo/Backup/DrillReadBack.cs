using System.Data.Common;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Rollouts;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Integrity;

namespace Carmen.Silo.Backup;

/// <summary>
/// What a restore drill reads back from a restored store, the same on both profiles: the largest tenant's devices in
/// service through the device index against its rows, the newest rollout through the grain-state serializer, the
/// largest telemetry series through the history against its chunks, and every audit chain through the chain verifier.
/// </summary>
internal sealed class DrillReadBack
{
    private const string RolloutStateName = "rollout";

    /// <summary>How the restored store is reached: its tables directly, and through Carmen's own stores.</summary>
    public required Func<DbConnection> OpenState { get; init; }

    public required Func<DbConnection> OpenTelemetry { get; init; }

    public required IDeviceIndex Index { get; init; }

    public required StoredGrainStates States { get; init; }

    public required ITelemetryHistory History { get; init; }

    public required Func<CancellationToken, Task<IReadOnlyList<(string Chain, AuditVerification Verified)>>> VerifyAuditChains { get; init; }

    /// <summary>Null when every read succeeded; otherwise what did not. What was read goes into <paramref name="checks"/>.</summary>
    public async Task<string?> RunAsync(List<string> checks, CancellationToken cancellationToken)
    {
        if (ReadRow(OpenState, "SELECT tenant_id, count(*) FROM devices WHERE status <> @decommissioned GROUP BY tenant_id ORDER BY 2 DESC LIMIT 1",
            reader => (Tenant: reader.GetString(0), InService: reader.GetInt64(1)), ("@decommissioned", (int)DeviceStatus.Decommissioned)) is (string tenant, long inService))
        {
            long counted = (await Index.CountByClusterAndStatusAsync(tenant, cancellationToken)).Where(row => row.Status != DeviceStatus.Decommissioned).Sum(row => row.Count);
            if (counted != inService)
            {
                return $"the device index counts {counted} devices in service for tenant {tenant}; its rows say {inService}";
            }

            checks.Add($"devices of tenant {tenant}: {counted}");
        }

        // Read with this Carmen's serializer: a rollout that does not deserialize fails the drill here, not the restored node at its first request.
        List<(string Key, RolloutState State)> rollouts = [.. States.Read<RolloutState>(RolloutStateName)];
        if (rollouts.Count > 0)
        {
            (string rollout, RolloutState newest) = rollouts.MaxBy(stored => stored.State.CreatedAt);
            checks.Add($"rollout {rollout}: {newest.Status}, {newest.Groups.Count} groups");
        }

        const string LargestSeries = """
            SELECT s.tenant_id, s.device_id, s.key, min(c.first_ts), max(c.last_ts), sum(c.points)
            FROM telemetry_series s JOIN telemetry_chunks c ON c.series_id = s.id
            GROUP BY s.id ORDER BY 6 DESC LIMIT 1
            """;
        if (ReadRow(OpenTelemetry, LargestSeries, reader => (Device: new DeviceKey(reader.GetString(0), reader.GetString(1)), Key: reader.GetString(2),
            From: reader.GetInt64(3), To: reader.GetInt64(4), Points: reader.GetInt64(5))) is (DeviceKey device, string key, long from, long to, long points))
        {
            IReadOnlyList<HistoryPoint> read = await History.ReadAsync(device, new HistoryQuery(key, from, to + 1, TelemetryAggregation.None, 0, 100_000), cancellationToken);
            if (read.Count == 0 || read.Count > points)
            {
                return $"the history of {device}/{key} reads {read.Count} points; its chunks hold {points}";
            }

            checks.Add($"history of {device}/{key}: {read.Count} points");
        }

        foreach ((string chain, AuditVerification verified) in await VerifyAuditChains(cancellationToken))
        {
            if (!verified.Intact)
            {
                return $"the audit chain {chain} is broken at record {verified.FirstBrokenRecordId}: {verified.Problem}";
            }

            checks.Add($"audit chain {chain}: {verified.Records} records intact");
        }

        return null;
    }

    /// <summary>The first row of a query, if any.</summary>
    private static T? ReadRow<T>(Func<DbConnection> open, string sql, Func<DbDataReader, T> read, params (string Name, object Value)[] parameters)
        where T : struct
    {
        using DbConnection connection = open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }

        using DbDataReader reader = command.ExecuteReader();
        return reader.Read() ? read(reader) : null;
    }
}
