using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Sql;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Tests;

public sealed class SqliteTelemetryHistoryTests : IDisposable
{
    private static readonly DeviceKey s_device = new("t1", "d1");
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task HistoryWrittenBeforeSeriesAndChunksIsKeptExactlyByTheUpgradesAndRetentionStillApplies()
    {
        WriteVersionOneStore(
            "('t1', 'd1', 'temp', 1000, 0, 0.30000000000000004, NULL), ('t1', 'd1', 'temp', 2000, 0, 22.5, NULL), ('t1', 'd1', 'mode', 1000, 2, NULL, 'auto'), "
            + "('t1', 'd1', 'on', 1000, 1, 1, NULL), ('t1', 'd1', 'shape', 1000, 3, NULL, '{\"a\":1}'), ('t2', 'd1', 'temp', 1000, 0, 99, NULL)",
            double.Epsilon, -1e300, 0.1 + 0.2, Math.PI, 1.7976931348623157e308, -0.000123456789012345678);
        await using var database = new SqliteDatabase(
            _directory.Path, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations, Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);
        var history = new SqliteTelemetryHistory(database);

        await history.AppendAsync([new DeviceTelemetry(s_device, "c1", [new TelemetryPoint(3000, "temp", TelemetryValue.FromNumber(23.5))])], default);
        IReadOnlyList<HistoryPoint> temperatures = await history.ReadAsync(s_device, Query("temp"), default);
        IReadOnlyList<HistoryPoint> modes = await history.ReadAsync(s_device, Query("mode"), default);
        IReadOnlyList<HistoryPoint> switches = await history.ReadAsync(s_device, Query("on"), default);
        IReadOnlyList<HistoryPoint> shapes = await history.ReadAsync(s_device, Query("shape"), default);
        IReadOnlyList<HistoryPoint> extremes = await history.ReadAsync(s_device, Query("exact"), default);
        IReadOnlyList<HistoryPoint> highest = await history.AggregateAsync(s_device, Query("temp") with { Aggregation = TelemetryAggregation.Max, Interval = 10_000 }, default);
        long deleted = await history.DeleteOlderThanAsync(2500, default);
        IReadOnlyList<HistoryPoint> kept = await history.ReadAsync(s_device, Query("temp"), default);

        temperatures.Select(point => point.Value.Number).Should().Equal(0.1 + 0.2, 22.5, 23.5);
        modes.Single().Value.Should().Be(TelemetryValue.FromText("auto"));
        extremes.Select(point => point.Value.Number).Should().Equal(double.Epsilon, -1e300, 0.1 + 0.2, Math.PI, 1.7976931348623157e308, -0.000123456789012345678);
        switches.Single().Value.Should().Be(TelemetryValue.FromBoolean(true));
        shapes.Single().Value.Should().Be(TelemetryValue.FromJson("{\"a\":1}"));
        highest.Single().Value.Number.Should().Be(23.5, "migrated and new chunks of an hour aggregate together");
        deleted.Should().Be(12);
        kept.Select(point => point.Timestamp).Should().Equal(3000);
        (await history.ReadAsync(new DeviceKey("t2", "d1"), Query("temp"), default)).Should().BeEmpty();
    }

    private static HistoryQuery Query(string key) => new(key, 0, 10_000, TelemetryAggregation.None, 0, 100);

    /// <summary>telemetry.db as the first schema left it, with some history (<paramref name="numbers"/> of key exact, as C# wrote them).</summary>
    private void WriteVersionOneStore(string rows, params double[] numbers)
    {
        Directory.CreateDirectory(_directory.Path);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteTelemetryHistory.FileName)}"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL); INSERT INTO schema_version VALUES (1, 0);"
                + EmbeddedMigrations.Load(SqliteSchema.TelemetryMigrations)[0].Sql
                + $"; INSERT INTO telemetry (tenant_id, device_id, key, ts, kind, num, text) VALUES {rows};";
            command.ExecuteNonQuery();
            foreach (double number in numbers)
            {
                using SqliteCommand insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO telemetry (tenant_id, device_id, key, ts, kind, num, text) VALUES ('t1', 'd1', 'exact', $ts, 0, $num, NULL)";
                insert.Parameters.AddWithValue("$ts", 1000 + Array.IndexOf(numbers, number));
                insert.Parameters.AddWithValue("$num", number);
                insert.ExecuteNonQuery();
            }
        }

        SqliteConnection.ClearAllPools();
    }
}
