using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Tests;

/// <summary>History in chunks, through the embedded store: what one flush, several flushes and retention leave readable.</summary>
public sealed class HistoryChunkTests : IAsyncLifetime
{
    private const long Hour = 3_600_000;
    private const long Start = 1_700_000_000_000 - (1_700_000_000_000 % Hour);
    private static readonly DeviceKey s_device = new("t1", "d1");
    private readonly TempDirectory _directory = new();
    private SqliteDatabase _database = null!;
    private SqliteTelemetryHistory _history = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteDatabase(_directory.Path, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations,
            Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);
        _history = new SqliteTelemetryHistory(_database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task EveryKindOfValueReadsBackAsItWasSent()
    {
        TelemetryValue[] values =
        [
            TelemetryValue.FromNumber(0.1 + 0.2), TelemetryValue.FromNumber(-1e300), TelemetryValue.FromNumber(double.Epsilon),
            TelemetryValue.FromBoolean(true), TelemetryValue.FromBoolean(false), TelemetryValue.FromText("Zürich ✓ 東京"),
            TelemetryValue.FromText(""), TelemetryValue.FromJson("""{"a":[1,2,{"b":null}]}"""), TelemetryValue.FromText(new string('x', 70_000)),
        ];
        await AppendAsync([.. values.Select((value, index) => new TelemetryPoint(Start + index, "k", value))]);

        IReadOnlyList<HistoryPoint> read = await RawAsync("k", Start, Start + Hour);

        read.Select(point => point.Value).Should().Equal(values);
        read.Select(point => point.Timestamp).Should().Equal(values.Select((_, index) => Start + index));
    }

    [Fact]
    public async Task PointsOutOfOrderAcrossHoursAndBefore1970ReadInTimeOrder()
    {
        long[] times = [Start + Hour + 5, Start + 7, -Hour - 1, Start + Hour - 1, -1, 0, Start];
        await AppendAsync([.. times.Select(ts => new TelemetryPoint(ts, "k", TelemetryValue.FromNumber(ts)))]);

        IReadOnlyList<HistoryPoint> read = await RawAsync("k", long.MinValue / 2, long.MaxValue / 2);

        read.Select(point => point.Timestamp).Should().Equal(times.Order());
        read.Should().AllSatisfy(point => point.Value.Number.Should().Be(point.Timestamp));
    }

    [Fact]
    public async Task ARepeatedTimestampKeepsTheValueSentLastWithinAFlushAndAcrossFlushes()
    {
        await AppendAsync([Point(Start, 1), Point(Start + 1, 2), Point(Start, 3)]);
        await AppendAsync([Point(Start + 1, 4), Point(Start + 2, 5)]);
        await AppendAsync([Point(Start + 2, 6)]);

        IReadOnlyList<HistoryPoint> read = await RawAsync("k", Start, Start + Hour);

        read.Select(point => (point.Timestamp, point.Value.Number)).Should().Equal((Start, 3), (Start + 1, 4), (Start + 2, 6));
    }

    [Fact]
    public async Task RawReadsStopAtTheLimitAndKeepToTheWindow()
    {
        for (int flush = 0; flush < 5; flush++)
        {
            await AppendAsync([.. Enumerable.Range(0, 10).Select(i => Point(Start + (flush * Hour) + (i * 1000), (flush * 10) + i))]);
        }

        IReadOnlyList<HistoryPoint> limited = await _history.ReadAsync(s_device, new HistoryQuery("k", Start, Start + (5 * Hour), TelemetryAggregation.None, 0, 15), default);
        IReadOnlyList<HistoryPoint> window = await RawAsync("k", Start + Hour + 3000, Start + (2 * Hour) + 2000);

        limited.Select(point => point.Value.Number).Should().Equal(Enumerable.Range(0, 15).Select(i => (double)i));
        window.Select(point => point.Value.Number).Should().Equal(13, 14, 15, 16, 17, 18, 19, 20, 21);
    }

    [Fact]
    public async Task AggregatesFoldNumbersAndBooleansPerIntervalAndCountEveryPoint()
    {
        await AppendAsync([Point(Start, 10), Point(Start + 30_000, 20), new TelemetryPoint(Start + 40_000, "k", TelemetryValue.FromText("n/a"))]);
        await AppendAsync([Point(Start + 60_000, -5), new TelemetryPoint(Start + 70_000, "k", TelemetryValue.FromBoolean(true)), Point(Start + 30_000, 40)]);
        await AppendAsync([new TelemetryPoint(Start + 130_000, "k", TelemetryValue.FromText("only text"))]);

        (await AggregateAsync(TelemetryAggregation.Avg)).Should().Equal((Start, 25), (Start + 60_000, -2));
        (await AggregateAsync(TelemetryAggregation.Min)).Should().Equal((Start, 10), (Start + 60_000, -5));
        (await AggregateAsync(TelemetryAggregation.Max)).Should().Equal((Start, 40), (Start + 60_000, 1));
        (await AggregateAsync(TelemetryAggregation.Count)).Should().Equal((Start, 3), (Start + 60_000, 2), (Start + 120_000, 1));
    }

    [Fact]
    public async Task RetentionTakesWholeChunksOnceTheirNewestPointIsPastTheCutoff()
    {
        await AppendAsync([Point(Start, 1), Point(Start + 1000, 2)]);
        await AppendAsync([Point(Start + 2000, 3), Point(Start + Hour, 4)]);
        await AppendAsync([new TelemetryPoint(Start, "other", TelemetryValue.FromNumber(9))]);

        long deleted = await _history.DeleteOlderThanAsync(Start + 1500, default);
        long again = await _history.DeleteOlderThanAsync(Start + 1500, default);

        deleted.Should().Be(3, "the first chunk of k and the chunk of other are older than the cutoff; the second chunk of k holds a newer point");
        again.Should().Be(0);
        (await RawAsync("k", Start, Start + (2 * Hour))).Select(point => point.Value.Number).Should().Equal(3, 4);
        (await RawAsync("other", Start, Start + Hour)).Should().BeEmpty();
    }

    private static TelemetryPoint Point(long timestamp, double value) => new(timestamp, "k", TelemetryValue.FromNumber(value));

    private Task AppendAsync(TelemetryPoint[] points) => _history.AppendAsync([new DeviceTelemetry(s_device, "c1", points)], default);

    private Task<IReadOnlyList<HistoryPoint>> RawAsync(string key, long from, long to) =>
        _history.ReadAsync(s_device, new HistoryQuery(key, from, to, TelemetryAggregation.None, 0, 100_000), default);

    private async Task<IEnumerable<(long, double)>> AggregateAsync(TelemetryAggregation aggregation) =>
        (await _history.AggregateAsync(s_device, new HistoryQuery("k", Start, Start + Hour, aggregation, 60_000, 100), default))
            .Select(point => (point.Timestamp, point.Value.Number));
}
