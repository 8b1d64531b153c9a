using Carmen.Grains.Diagnostics;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Telemetry;

/// <summary>Deletes history older than the retention period, hourly, on one silo of the cluster (the lowest active address).</summary>
internal sealed partial class TelemetryRetention(
    ITelemetryHistory history,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<TelemetryRetention> logger) : BackgroundService
{
    private static readonly TimeSpan s_period = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(s_period, time);
        do
        {
            if (SiloRoles.IsLowestActive(membership.CurrentSnapshot, silo.SiloAddress))
            {
                await DeleteExpiredAsync(stoppingToken);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private async Task DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        long cutoff = (time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays)).ToUnixTimeMilliseconds();
        try
        {
            long deleted = await history.DeleteOlderThanAsync(cutoff, cancellationToken);
            CarmenDiagnostics.TelemetryPointsDeleted.Add(deleted);
            LogDeleted(deleted, options.Value.RetentionDays);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFailed(failure);
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} telemetry points older than {Days} days")]
    private partial void LogDeleted(long count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired telemetry failed; trying again in an hour")]
    private partial void LogFailed(Exception exception);
}
