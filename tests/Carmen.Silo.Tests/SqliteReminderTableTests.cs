using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Tests;

public sealed class SqliteReminderTableTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = Open();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task RemindersSurviveReopeningTheStore()
    {
        var table = new SqliteReminderTable(_database);
        ReminderEntry entry = Entry("device-import/t/import-1", "resume");
        await table.UpsertRow(entry);

        await _database.DisposeAsync();
        _database = Open();
        ReminderEntry? read = await new SqliteReminderTable(_database).ReadRow(entry.GrainId, "resume");

        read.Should().NotBeNull();
        read!.Period.Should().Be(TimeSpan.FromMinutes(1));
        read.StartAt.Should().Be(entry.StartAt);
    }

    [Fact]
    public async Task RemovalNeedsTheCurrentVersion()
    {
        var table = new SqliteReminderTable(_database);
        ReminderEntry entry = Entry("device-import/t/import-2", "resume");
        string first = (await table.UpsertRow(entry))!;
        string second = (await table.UpsertRow(entry))!;

        bool staleRemoved = await table.RemoveRow(entry.GrainId, "resume", first);
        bool removed = await table.RemoveRow(entry.GrainId, "resume", second);

        second.Should().NotBe(first);
        staleRemoved.Should().BeFalse();
        removed.Should().BeTrue();
        (await table.ReadRow(entry.GrainId, "resume")).Should().BeNull();
    }

    [Fact]
    public async Task HashRangesPartitionTheRing()
    {
        var table = new SqliteReminderTable(_database);
        ReminderEntry[] entries = [.. Enumerable.Range(0, 200).Select(i => Entry($"device-import/t/ring-{i}", "r"))];
        foreach (ReminderEntry entry in entries)
        {
            await table.UpsertRow(entry);
        }

        const uint split = uint.MaxValue / 3;
        ReminderTableData first = await table.ReadRows(split, split * 2);
        ReminderTableData wrapped = await table.ReadRows(split * 2, split);

        (first.Reminders.Count + wrapped.Reminders.Count).Should().Be(200);
        first.Reminders.Should().OnlyContain(entry => entry.GrainId.GetUniformHashCode() > split && entry.GrainId.GetUniformHashCode() <= split * 2);
        (await table.ReadRows(entries[7].GrainId)).Reminders.Should().ContainSingle();
    }

    [Fact]
    public async Task SchemaIsAppliedOnceAndReopeningIsANoOp()
    {
        await _database.DisposeAsync();
        _database = Open();

        long versions = await _database.ReadAsync(connection =>
        {
            using Microsoft.Data.Sqlite.SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM schema_version";
            return (long)command.ExecuteScalar()!;
        });

        versions.Should().Be(Carmen.Silo.Storage.Sql.EmbeddedMigrations.Load(SqliteSchema.StateMigrations).Count).And.BeGreaterThan(0);
    }

    private static ReminderEntry Entry(string grainId, string name) => new()
    {
        GrainId = GrainId.Parse(grainId),
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc),
        Period = TimeSpan.FromMinutes(1),
    };

    private SqliteDatabase Open() => new(_directory.Path, Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);
}
