using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Security;

/// <summary>
/// Sends committed security events to a syslog receiver over TCP, octet-counted (RFC 6587). One connection per node,
/// reopened with a growing pause when it drops; a message whose write failed is sent again on the next connection, so
/// delivery is at least once while the node runs. Under a flood or a long outage the oldest are dropped and counted.
/// </summary>
public sealed partial class SyslogForwarder : BackgroundService, ISecurityEventForwarder
{
    private static readonly TimeSpan s_maxPause = TimeSpan.FromSeconds(30);

    private readonly SyslogOptions _options;
    private readonly string _hostname;
    private readonly int _processId = Environment.ProcessId;
    private readonly Channel<string> _messages;
    private readonly ILogger<SyslogForwarder> _logger;

    public SyslogForwarder(IOptions<SyslogOptions> options, ILogger<SyslogForwarder> logger)
    {
        _options = options.Value;
        _hostname = _options.Hostname ?? Environment.MachineName;
        _logger = logger;
        _messages = Channel.CreateBounded<string>(new BoundedChannelOptions(_options.Buffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => SecurityForwardingMetrics.Dropped.Add(1));
    }

    public void Forward(string chain, IReadOnlyList<AuditStoreRow> committed)
    {
        foreach (AuditStoreRow row in committed)
        {
            if (SecurityEventTypes.IsSecurityRelevant(row.Source, row.Action, row.TargetType))
            {
                _messages.Writer.TryWrite(SyslogMessage.Format(chain, row, _options.Facility, _hostname, _processId));
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? unsent = null;
        TimeSpan pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(_options.Host!, _options.Port, stoppingToken);
                await using NetworkStream stream = client.GetStream();
                LogConnected(_options.Host!, _options.Port);
                pause = TimeSpan.FromSeconds(1);
                while (true)
                {
                    unsent ??= await _messages.Reader.ReadAsync(stoppingToken);
                    await WriteFrameAsync(stream, unsent, stoppingToken);
                    unsent = null;
                    SecurityForwardingMetrics.Sent.Add(1);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is SocketException or IOException)
            {
                LogUnreachable(failure, _options.Host!, _options.Port, pause.TotalSeconds);
                await Task.Delay(pause, stoppingToken); // cancelled when stopping, which ends the service
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, s_maxPause.Ticks));
            }
        }
    }

    private static async Task WriteFrameAsync(NetworkStream stream, string message, CancellationToken cancellationToken)
    {
        byte[] body = Encoding.UTF8.GetBytes(message);
        byte[] length = Encoding.ASCII.GetBytes($"{body.Length} ");
        await stream.WriteAsync(length, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Security events go to syslog at {Host}:{Port}")]
    private partial void LogConnected(string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syslog receiver {Host}:{Port} unreachable; trying again in {Seconds} s")]
    private partial void LogUnreachable(Exception exception, string host, int port, double seconds);
}
