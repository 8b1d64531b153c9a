using Carmen.Silo.Storage.Postgres;
using Npgsql;

namespace Carmen.Silo.Hosting;

/// <summary>`Carmen.Silo migrate`: applies the PostgreSQL schema (deploy/sql/postgres) to ConnectionStrings:Carmen and exits.</summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        string? connectionString = builder.Configuration.GetConnectionString(PostgresOptions.ConnectionStringName);
        if (string.IsNullOrEmpty(connectionString))
        {
            await Console.Error.WriteLineAsync("migrate needs ConnectionStrings:Carmen (environment: ConnectionStrings__Carmen).");
            return 2;
        }

        using ILoggerFactory logging = LoggerFactory.Create(logs => logs.AddSimpleConsole());
        await using NpgsqlDataSource database = NpgsqlDataSource.Create(connectionString);
        IReadOnlyList<int> applied = await new PostgresMigrator(database, logging.CreateLogger<PostgresMigrator>()).ApplyAsync();
        await Console.Out.WriteLineAsync(applied.Count == 0 ? "Schema is up to date." : $"Applied migrations {string.Join(", ", applied)}.");
        return 0;
    }
}
