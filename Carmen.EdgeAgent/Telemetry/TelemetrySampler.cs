using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Ingestion;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Telemetry;

/// <summary>
/// Samples the system metrics every interval into the outbox, connected or not. The queue's drop count rides along
/// as <c>agentQueueDropped</c> once anything was dropped, so an outage longer than the queue shows up in Carmen, and
/// so does <c>agentIngestRejected</c>, the application records the local endpoints refused.
/// </summary>
public sealed partial class TelemetrySampler(
    IOptions<AgentOptions> options,
    TelemetryInterval interval,
    TelemetryOutbox outbox,
    IngestionCounters ingestion,
    TimeProvider time,
    ILogger<TelemetrySampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var metrics = new SystemMetrics(options.Value.ProcRoot, options.Value.MountsOrRoot);
        while (!stoppingToken.IsCancellationRequested)
        {
            Task changed = interval.Changed;
            try
            {
                await Task.WhenAny(Task.Delay(interval.Current, time, stoppingToken), changed).WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (changed.IsCompleted)
            {
                LogIntervalChanged(interval.Current.TotalSeconds);
                continue; // sample on the new rhythm from now
            }

            try
            {
                Dictionary<string, double> values = metrics.Read();
                if (outbox.Queue.Dropped is long dropped and > 0)
                {
                    values["agentQueueDropped"] = dropped;
                }

                if (ingestion.Rejected is long rejected and > 0)
                {
                    values["agentIngestRejected"] = rejected;
                }

                outbox.Add([TelemetryRecords.Write(time.GetUtcNow(), values)]);
            }
            catch (Exception failure) when (failure is IOException or FormatException or UnauthorizedAccessException)
            {
                LogSampleFailed(failure);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry interval is now {Seconds} s")]
    private partial void LogIntervalChanged(double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the system metrics failed")]
    private partial void LogSampleFailed(Exception failure);
}
