using System.Net;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ingestion;

/// <summary>
/// <c>POST http://127.0.0.1:{port}/telemetry</c> for applications that speak HTTP rather than sockets: one record, an
/// array, or newline-delimited records, taken all or none (202 with the count, or 400 saying which record is wrong).
/// Loopback only: it is for software on the device, not for the network.
/// </summary>
public sealed partial class HttpIngestion(
    IOptions<AgentOptions> options, TelemetryOutbox outbox, IngestionCounters counters, TimeProvider time, ILogger<HttpIngestion> logger) : BackgroundService
{
    private const int MaxBodyBytes = 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        int port = options.Value.LocalIngestion.HttpPort;
        if (port == 0)
        {
            return;
        }

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        try
        {
            listener.Start();
        }
        catch (HttpListenerException failure)
        {
            LogUnavailable(failure, port);
            return;
        }

        LogListening(port);
        using CancellationTokenRegistration stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception failure) when (failure is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break; // stopped
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        try
        {
            (int status, byte[] body) = await HandleAsync(context.Request);
            response.StatusCode = status;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(body);
        }
        catch (Exception failure) when (failure is HttpListenerException or IOException)
        {
            // the client went away
        }
        finally
        {
            response.Close();
        }
    }

    private async Task<(int Status, byte[] Body)> HandleAsync(HttpListenerRequest request)
    {
        if (request.Url?.AbsolutePath != "/telemetry")
        {
            return (404, Error("The agent takes telemetry at POST /telemetry."));
        }

        if (request.HttpMethod != "POST")
        {
            return (405, Error("Use POST."));
        }

        if (request.ContentLength64 > MaxBodyBytes)
        {
            return (413, Error($"A body is at most {MaxBodyBytes} bytes."));
        }

        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        if (body.Length > MaxBodyBytes)
        {
            return (413, Error($"A body is at most {MaxBodyBytes} bytes."));
        }

        (IReadOnlyList<byte[]> records, string? error) = ApplicationRecords.ReadAll(body.GetBuffer().AsMemory(0, (int)body.Length), time.GetUtcNow());
        if (error is not null)
        {
            counters.Refused(1);
            return (400, Error(error));
        }

        outbox.Add(records);
        return (202, JsonPayload.Write(json => json.WriteNumber("accepted", records.Count)));
    }

    private static byte[] Error(string message) => JsonPayload.Write(json => json.WriteString("error", message));

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking application telemetry on http://127.0.0.1:{Port}/telemetry")]
    private partial void LogListening(int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot take application telemetry on port {Port}")]
    private partial void LogUnavailable(Exception failure, int port);
}
