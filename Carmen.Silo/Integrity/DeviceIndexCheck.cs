using System.Data.Common;
using System.Globalization;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Silo.Storage.Sql;

namespace Carmen.Silo.Integrity;

/// <summary>
/// The device index against device state: every registered device has its row, every row its device, and each row
/// says what the device's state says (name, cluster, type, labels, status, firmware, credentials, distribution sets,
/// gateway). Rows are rebuilt from state as the device grain writes them; presence (last seen, connection) is not
/// compared, since it changes without a state write. Then each tenant's devices in service, which admission and
/// licenses count, by state and by index.
/// </summary>
public static class DeviceIndexCheck
{
    private const string DeviceStateName = "device";

    private static readonly (string Column, string Parameter)[] s_compared =
    [
        ("name", "@name"), ("cluster_id", "@cluster"), ("device_type", "@type"), ("labels", "@labels"), ("status", "@status"),
        ("firmware_version", "@firmware"), ("created_at", "@created"), ("access_token_hash", "@token"), ("mqtt_username", "@mqttUsername"),
        ("mqtt_client_id", "@mqttClientId"), ("installed_ds", "@installedDs"), ("target_ds", "@targetDs"), ("is_gateway", "@isGateway"), ("gateway_id", "@gateway"),
    ];

    /// <summary>Compares, and repairs through <paramref name="index"/>; <paramref name="rows"/> reads the index's table (devices) directly.</summary>
    public static async Task<IReadOnlyList<IntegrityFinding>> RunAsync(StoredGrainStates states, Func<DbConnection> rows, IDeviceIndex index, bool repair, CancellationToken cancellationToken)
    {
        Dictionary<DeviceKey, DeviceIndexEntry> expected = states.Read<DeviceState>(DeviceStateName)
            .Select(stored => DeviceIndexEntry.Of(DeviceKey.Parse(stored.Key), stored.State))
            .ToDictionary(entry => new DeviceKey(entry.TenantId, entry.DeviceId));
        Dictionary<DeviceKey, string[]> indexed = Rows(rows);
        List<DeviceIndexEntry> missing = [.. expected.Values.Where(entry => !indexed.ContainsKey(new DeviceKey(entry.TenantId, entry.DeviceId)))];
        List<DeviceIndexEntry> stale = [.. expected.Values.Where(entry => indexed.TryGetValue(new DeviceKey(entry.TenantId, entry.DeviceId), out string[]? row) && !row.SequenceEqual(Image(entry)))];
        List<DeviceKey> orphans = [.. indexed.Keys.Where(key => !expected.ContainsKey(key))];
        if (repair)
        {
            foreach (DeviceIndexEntry entry in missing.Concat(stale))
            {
                await index.UpsertAsync(entry, cancellationToken);
            }

            foreach (DeviceKey orphan in orphans)
            {
                await index.RemoveAsync(orphan, cancellationToken);
            }
        }

        var findings = new List<IntegrityFinding>();
        findings.AddRange(missing.Select(entry => new IntegrityFinding("device index", $"{entry.TenantId}/{entry.DeviceId}: no index row{Fix(repair, "rebuilt from state")}", true, repair)));
        findings.AddRange(stale.Select(entry => new IntegrityFinding("device index", $"{entry.TenantId}/{entry.DeviceId}: the index row differs from state{Fix(repair, "rebuilt from state")}", true, repair)));
        findings.AddRange(orphans.Select(key => new IntegrityFinding("device index", $"{key}: an index row without a device{Fix(repair, "removed")}", true, repair)));
        findings.Add(new IntegrityFinding("device index", $"{expected.Count} devices, {indexed.Count} index rows: {missing.Count} missing, {stale.Count} stale, {orphans.Count} orphaned"));
        findings.AddRange(await TenantCountsAsync(index, expected.Values, cancellationToken));
        return findings;
    }

    /// <summary>Each tenant's devices in service by state and by index (after any repair): a difference is reported, never guessed at.</summary>
    private static async Task<IEnumerable<IntegrityFinding>> TenantCountsAsync(IDeviceIndex index, IEnumerable<DeviceIndexEntry> devices, CancellationToken cancellationToken)
    {
        var findings = new List<IntegrityFinding>();
        int tenants = 0;
        foreach (IGrouping<string, DeviceIndexEntry> tenant in devices.GroupBy(entry => entry.TenantId).OrderBy(tenant => tenant.Key, StringComparer.Ordinal))
        {
            tenants++;
            int byState = tenant.Count(entry => entry.Status != DeviceStatus.Decommissioned);
            int byIndex = await index.CountInServiceAsync(tenant.Key, null, cancellationToken);
            if (byState != byIndex)
            {
                findings.Add(new IntegrityFinding("tenant counts", $"{tenant.Key}: {byState} devices in service by state, {byIndex} by the index", Problem: true));
            }
        }

        findings.Add(new IntegrityFinding("tenant counts", $"{tenants} tenants: {tenants - findings.Count} count their devices in service alike by state and by index"));
        return findings;
    }

    private static string Fix(bool repair, string how) => repair ? $": {how}" : "";

    /// <summary>The compared columns of an entry as the index would store them.</summary>
    private static string[] Image(DeviceIndexEntry entry)
    {
        Dictionary<string, object?> parameters = DeviceIndexRows.UpsertParameters(entry).ToDictionary(parameter => parameter.Name, parameter => parameter.Value);
        return [.. s_compared.Select(compared => Text(parameters[compared.Parameter]))];
    }

    private static Dictionary<DeviceKey, string[]> Rows(Func<DbConnection> open)
    {
        using DbConnection connection = open();
        using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT tenant_id, device_id, {string.Join(", ", s_compared.Select(compared => compared.Column))} FROM devices";
        using DbDataReader reader = command.ExecuteReader();
        var rows = new Dictionary<DeviceKey, string[]>();
        while (reader.Read())
        {
            rows[new DeviceKey(reader.GetString(0), reader.GetString(1))] = [.. Enumerable.Range(2, s_compared.Length).Select(column => Text(reader.GetValue(column)))];
        }

        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null or DBNull => "\0",
        bool flag => flag ? "1" : "0",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "\0",
    };
}
