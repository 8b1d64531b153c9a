using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Postgres;
using Carmen.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Carmen.Silo.Tests;

public sealed class PostgresMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task MigrationsApplyToAnEmptyDatabaseAndReapplyAsANoOp()
    {
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        var migrator = new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance);

        IReadOnlyList<int> first = await migrator.ApplyAsync();
        IReadOnlyList<int> second = await migrator.ApplyAsync();

        first.Should().Equal(ShippedVersions).And.Equal(Enumerable.Range(1, ShippedVersions.Count), "versions run 1, 2, 3, ... without gaps");
        second.Should().BeEmpty();
        (await ScalarAsync<long>(database, "SELECT count(*) FROM carmen_schema_version")).Should().Be(ShippedVersions.Count);
    }

    /// <summary>The versions of the scripts in deploy/sql/postgres, as embedded in the silo.</summary>
    private static IReadOnlyList<int> ShippedVersions { get; } =
        [.. Carmen.Silo.Storage.Sql.EmbeddedMigrations.Load(PostgresMigrator.MigrationsPrefix).Select(migration => migration.Version)];

    [PostgresFact]
    public async Task EveryQueryKeyTheOrleansProvidersNeedIsPresent()
    {
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        await new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance).ApplyAsync();
        string[] required =
        [
            "InsertMembershipKey", "UpdateMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey",
            "UpdateIAmAlivetimeKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowKey", "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];

        var keys = new List<string>();
        await using (NpgsqlCommand command = database.CreateCommand("SELECT QueryKey FROM OrleansQuery"))
        await using (NpgsqlDataReader reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        keys.Should().Contain(required);
    }

    [PostgresFact]
    public async Task SilosStartingTogetherMigrateOnce()
    {
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());

        IReadOnlyList<int>[] runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance).ApplyAsync()));

        runs.SelectMany(applied => applied).Should().Equal(ShippedVersions);
    }

    [PostgresFact]
    public async Task HistoryStoredAPointPerRowIsKeptExactlyInChunks()
    {
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        await WriteSchemaFifteenWithHistoryAsync(database);

        (await new PostgresMigrator(database, NullLogger<PostgresMigrator>.Instance).ApplyAsync()).Should().Equal(ShippedVersions.Where(version => version >= 16));
        var history = new PostgresTelemetryHistory(database);
        var device = new DeviceKey("t1", "d1");
        await history.AppendAsync([new DeviceTelemetry(device, "c1", [new TelemetryPoint(2000, "temp", TelemetryValue.FromNumber(23.5))])], default);

        (await history.ReadAsync(device, Query("temp"), default)).Should().Equal(
            new HistoryPoint(1000, TelemetryValue.FromNumber(0.1 + 0.2)), new HistoryPoint(2000, TelemetryValue.FromNumber(23.5)),
            new HistoryPoint(3_600_000, TelemetryValue.FromNumber(-1e300)));
        (await history.ReadAsync(device, Query("mode"), default)).Should().Equal(new HistoryPoint(1000, TelemetryValue.FromText("Zürich")));
        (await history.ReadAsync(device, Query("on"), default)).Should().Equal(new HistoryPoint(1000, TelemetryValue.FromBoolean(false)));
        (await history.ReadAsync(new DeviceKey("t2", "d1"), Query("temp"), default)).Should().ContainSingle();
        (await history.DeleteOlderThanAsync(2500, default)).Should().Be(6, "the first hour's chunks: t1's migrated temp (2 points) and new temp (1), mode, on, and t2's temp");
        (await history.ReadAsync(device, Query("temp"), default)).Select(point => point.Timestamp).Should().Equal(3_600_000);
    }

    private static HistoryQuery Query(string key) => new(key, 0, 10_000_000, TelemetryAggregation.None, 0, 100);

    /// <summary>A database as schema 15 left it (a row per point), with some history.</summary>
    private static async Task WriteSchemaFifteenWithHistoryAsync(NpgsqlDataSource database)
    {
        await using NpgsqlConnection connection = await database.OpenConnectionAsync();
        foreach ((int _, string _, string sql) in Carmen.Silo.Storage.Sql.EmbeddedMigrations.Load(PostgresMigrator.MigrationsPrefix).Where(migration => migration.Version <= 15))
        {
            await using var script = new NpgsqlCommand(sql, connection);
            await script.ExecuteNonQueryAsync();
        }

        await using var rows = new NpgsqlCommand(
            """
            CREATE TABLE carmen_schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO carmen_schema_version (version, name) SELECT v, 'before chunks' FROM generate_series(1, 15) AS v;
            INSERT INTO telemetry (tenant_id, device_id, key, ts, kind, num, text) VALUES
                ('t1', 'd1', 'temp', 2000, 0, 22.5, NULL), ('t1', 'd1', 'temp', 1000, 0, 0.30000000000000004, NULL),
                ('t1', 'd1', 'temp', 3600000, 0, -1e300, NULL), ('t1', 'd1', 'mode', 1000, 2, NULL, 'Zürich'),
                ('t1', 'd1', 'on', 1000, 1, 0, NULL), ('t2', 'd1', 'temp', 1000, 0, 99, NULL);
            """, connection);
        await rows.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using NpgsqlCommand command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
