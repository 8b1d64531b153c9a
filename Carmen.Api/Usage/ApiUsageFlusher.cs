using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Api.Usage;

/// <summary>
/// Every <see cref="Interval"/>, and when the node stops, hands what <see cref="ApiUsageRecorder"/> and
/// <see cref="ClusterAccessRecorder"/> counted to the rollups.
/// </summary>
public sealed partial class ApiUsageFlusher(
    ApiUsageRecorder recorder, ClusterAccessRecorder clusterAccess, IGrainFactory grains, TimeProvider time, ILogger<ApiUsageFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Hands the counts over now (the tests' way to read usage without waiting for the timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ApiUsageSample> samples = recorder.Take();
        IReadOnlyList<ClusterAccessSample> access = clusterAccess.Take();
        IApiUsageGrain usage = grains.GetGrain<IApiUsageGrain>(0);
        try
        {
            if (samples.Count > 0)
            {
                await usage.RecordAsync(samples, cancellationToken);
            }

            if (access.Count > 0)
            {
                await usage.RecordClusterAccessAsync(access, cancellationToken);
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFlushFailed(failure, samples.Count + access.Count); // usage is a statistic: a lost flush is logged, not retried into a pile
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Interval, time);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} API usage counts could not be stored")]
    private partial void LogFlushFailed(Exception exception, int count);
}
