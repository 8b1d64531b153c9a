using Carmen.EdgeAgent.Buffering;
using Carmen.EdgeAgent.Connection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Carmen.EdgeAgent.Telemetry;

/// <summary>
/// Drains the outbox to Carmen while connected, oldest first, as batches of records in one message (under Carmen's
/// 64 KiB payload limit). A batch leaves the queue only once Carmen acknowledged it, so a broken connection or a
/// crash sends it again rather than losing it; Carmen keeps a point of the same key and time once.
/// </summary>
public sealed partial class TelemetryForwarder(AgentConnection connection, TelemetryOutbox outbox, ILogger<TelemetryForwarder> logger) : BackgroundService
{
    private const int MaxRecords = 500;
    private const int MaxBytes = 48 * 1024;
    private static readonly TimeSpan s_idleCheck = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Task appended = outbox.Appended;
            bool refused = false;
            while (connection.IsConnected && !outbox.Queue.IsEmpty && !stoppingToken.IsCancellationRequested)
            {
                BufferedBatch batch = outbox.Queue.Peek(MaxRecords, MaxBytes);
                if (batch.Records.Count == 0)
                {
                    if (outbox.Queue.Commit(batch.End))
                    {
                        continue; // skipped past records damaged on disk
                    }

                    break;
                }

                if (!await connection.PublishAsync(DeviceTopics.Telemetry, TelemetryRecords.Batch(batch.Records), stoppingToken))
                {
                    refused = true; // disconnected, or over the rate limit: wait, then send the same batch again
                    break;
                }

                outbox.Queue.Commit(batch.End);
                LogForwarded(batch.Records.Count);
            }

            try
            {
                await (refused ? Task.Delay(TimeSpan.FromSeconds(1), stoppingToken) : Task.WhenAny(appended, Task.Delay(s_idleCheck, stoppingToken)).WaitAsync(stoppingToken));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Records} telemetry records")]
    private partial void LogForwarded(int records);
}
