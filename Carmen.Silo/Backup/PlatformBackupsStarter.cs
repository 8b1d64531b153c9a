using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Silo.Backup;

/// <summary>Activates the platform's backups at start, so their schedule and their health check run without a request.</summary>
internal sealed class PlatformBackupsStarter(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<IPlatformBackupsGrain>(0).StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
