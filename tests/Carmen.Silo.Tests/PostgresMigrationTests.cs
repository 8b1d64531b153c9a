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

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using NpgsqlCommand command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
