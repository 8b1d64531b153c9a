using Carmen.Silo.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Hosting;

/// <summary>Applies pending PostgreSQL migrations at start-up, unless Carmen:Postgres:MigrateOnStart is false.</summary>
internal sealed class PostgresMigrationService(PostgresMigrator migrator, IOptions<PostgresOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.ApplyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
