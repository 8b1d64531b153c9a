using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Licenses;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Hosting;

/// <summary>Every Carmen:Licenses:CheckInterval, has the licensed tenants' warnings checked (each stage is announced once, whichever silo asks).</summary>
internal sealed partial class LicenseWarningSweeper(IGrainFactory grains, IOptions<LicenseOptions> options, ILogger<LicenseWarningSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.Value.CheckInterval);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<ILicenseWatchGrain>(0).CheckAllAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogFailed(failure); // the next tick checks again
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "License warnings could not be checked")]
    private partial void LogFailed(Exception exception);
}
