using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ingestion;

/// <summary>
/// A Unix socket where applications on the device write newline-delimited JSON records
/// (<c>echo '{"flow":3.2}' | socat - UNIX-CONNECT:/var/lib/carmen-agent/telemetry.sock</c>). Records go to the same
/// on-disk queue as the agent's own metrics, so they survive outages the same way. A refused line is answered with
/// <c>{"line":n,"error":"..."}</c> and counted; the lines around it are kept.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // Unix file modes; the agent runs on Linux only
public sealed partial class SocketIngestion(
    IOptions<AgentOptions> options, TelemetryOutbox outbox, IngestionCounters counters, TimeProvider time, ILogger<SocketIngestion> logger) : BackgroundService
{
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string path = options.Value.IngestionSocketPath;
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Delete(path); // a socket file left by a crash would block the bind
            listener.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            listener.Listen(16);
        }
        catch (Exception failure) when (failure is SocketException or IOException or UnauthorizedAccessException)
        {
            LogUnavailable(failure, path);
            return;
        }

        LogListening(path);
        try
        {
            while (true)
            {
                Socket client = await listener.AcceptAsync(stoppingToken);
                _ = ServeAsync(client, stoppingToken); // each application on its own; a slow one holds up no other
            }
        }
        catch (OperationCanceledException)
        {
            File.Delete(path);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stoppingToken)
    {
        using (client)
        {
            await using var stream = new NetworkStream(client, ownsSocket: false);
            PipeReader reader = PipeReader.Create(stream);
            long number = 0;
            bool skipping = false; // inside a line already refused as too long
            bool deaf = false;
            try
            {
                while (true)
                {
                    ReadResult read = await reader.ReadAsync(stoppingToken);
                    ReadOnlySequence<byte> buffer = read.Buffer;
                    var batch = new Batch();
                    while (buffer.PositionOf((byte)'\n') is SequencePosition end)
                    {
                        ReadOnlySequence<byte> line = buffer.Slice(0, end);
                        buffer = buffer.Slice(buffer.GetPosition(1, end));
                        if (!skipping)
                        {
                            Take(++number, line, batch);
                        }

                        skipping = false;
                    }

                    // The rest has no newline yet: over the limit it is refused now and its remainder dropped as it
                    // comes, instead of held in memory; at the end of the stream it is the last line.
                    if (!skipping && (buffer.Length > ApplicationRecords.MaxRecordBytes || (read.IsCompleted && !buffer.IsEmpty)))
                    {
                        Take(++number, buffer, batch);
                        skipping = !read.IsCompleted;
                        buffer = buffer.Slice(buffer.End);
                    }
                    else if (skipping)
                    {
                        buffer = buffer.Slice(buffer.End);
                    }

                    if (batch.Records.Count > 0)
                    {
                        outbox.Add(batch.Records);
                    }

                    counters.Refused(batch.Replies.Count); // one reply per refused line
                    if (!deaf && batch.Replies.Count > 0)
                    {
                        deaf = !await ReplyAsync(stream, batch.Replies, stoppingToken);
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (read.IsCompleted)
                    {
                        break;
                    }
                }
            }
            catch (Exception failure) when (failure is IOException or SocketException or OperationCanceledException)
            {
                // the application went away, or the agent stops
            }
            finally
            {
                await reader.CompleteAsync();
            }
        }
    }

    private void Take(long number, ReadOnlySequence<byte> line, Batch batch)
    {
        string? error;
        if (line.Length > ApplicationRecords.MaxRecordBytes)
        {
            error = $"A line is at most {ApplicationRecords.MaxRecordBytes} bytes.";
        }
        else
        {
            ReadOnlySpan<byte> text = (line.IsSingleSegment ? line.FirstSpan : line.ToArray()).Trim(" \t\r"u8);
            if (text.IsEmpty)
            {
                return;
            }

            (byte[]? record, error) = ApplicationRecords.Read(text, time.GetUtcNow());
            if (record is not null)
            {
                batch.Records.Add(record);
            }
        }

        if (error is not null)
        {
            batch.Replies.Add(JsonPayload.Write(json =>
            {
                json.WriteNumber("line", number);
                json.WriteString("error", error);
            }));
        }
    }

    /// <summary>Answers refused lines; false when the application does not read them (it stops getting answers rather than stalling).</summary>
    private static async Task<bool> ReplyAsync(NetworkStream stream, List<byte[]> replies, CancellationToken stoppingToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(s_replyTimeout);
        try
        {
            foreach (byte[] reply in replies)
            {
                await stream.WriteAsync(reply, deadline.Token);
                await stream.WriteAsync("\n"u8.ToArray(), deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>What one read of a connection yields.</summary>
    private sealed class Batch
    {
        public List<byte[]> Records { get; } = [];

        public List<byte[]> Replies { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking application telemetry on {Path}")]
    private partial void LogListening(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot take application telemetry on {Path}")]
    private partial void LogUnavailable(Exception failure, string path);
}
