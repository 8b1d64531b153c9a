using Carmen.Grains.Interfaces.Usage;

namespace Carmen.Api.Usage;

/// <summary>Every <see cref="Interval"/>, and when the node stops, hands what <see cref="ApiUsageRecorder"/> counted to the rollups.</summary>
public sealed partial class ApiUsageFlusher(ApiUsageRecorder recorder, IGrainFactory grains, TimeProvider time, ILogger<ApiUsageFlusher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Hands the counts over now (the tests' way to read usage without waiting for the timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ApiUsageSample> samples = recorder.Take();
        if (samples.Count == 0)
        {
            return;
        }

        try
        {
            await grains.GetGrain<IApiUsageGrain>(0).RecordAsync(samples, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogFlushFailed(failure, samples.Count); // usage is a statistic: a lost flush is logged, not retried into a pile
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
