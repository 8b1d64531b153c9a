using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Silo.Hosting;

/// <summary>Starts the cluster's alert clock sweep from every silo: the first start registers its reminder, the rest change nothing.</summary>
public sealed class AlertClockSweepStarter(IGrainFactory grains) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => grains.GetGrain<IAlertClockSweepGrain>(0).StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
