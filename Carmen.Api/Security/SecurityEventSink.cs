using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Security;

/// <summary>
/// Where sign-ins, refused credentials and the like are reported: callers never wait (the queue is bounded; what does not
/// fit under an attack is counted as dropped), and a background loop appends what is queued to each chain in batches.
/// Events of a tenant that may not exist (an unknown tenant named at sign-in, a device's token) go to the platform's chain.
/// </summary>
public sealed partial class SecurityEventSink(IGrainFactory grains, ILogger<SecurityEventSink> logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private const int MaxBatch = 1000;

    private readonly Channel<(string Chain, AuditEntry Entry)> _events = Channel.CreateBounded<(string, AuditEntry)>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Queues an event for <paramref name="tenantId"/>'s chain (the platform's when null).</summary>
    public void Record(
        string? tenantId, string type, AuditActor actor, IPAddress? address, string? userAgent = null, string targetType = "", string targetId = "",
        params (string Name, string? Value)[] details) =>
        Record(Activity.Current?.TraceId.ToString(), tenantId, type, actor, address, userAgent, targetType, targetId, details);

    /// <summary>A user's event, with the request's id, address and user agent.</summary>
    public void RecordUser(string? tenantId, string type, string username, HttpContext http, params (string Name, string? Value)[] details) =>
        Record(http.TraceIdentifier, tenantId, type, new AuditActor(AuditActorKinds.User, username), Auth.ClientAddress.Normal(http.Connection.RemoteIpAddress),
            http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null, "users", username, details);

    private void Record(
        string? requestId, string? tenantId, string type, AuditActor actor, IPAddress? address, string? userAgent, string targetType, string targetId,
        (string Name, string? Value)[] details)
    {
        var entry = new AuditEntry(AuditSources.Security, actor, type, targetType, targetId, tenantId is null ? "platform" : "tenant", 0,
            [.. details.Where(detail => detail.Value is not null).Select(detail => new AuditChange(detail.Name, null, JsonSerializer.Serialize(detail.Value)))],
            requestId, address?.ToString(), userAgent is { Length: > 512 } ? userAgent[..512] : userAgent);
        if (!_events.Writer.TryWrite((tenantId ?? AuditChains.Platform, entry)))
        {
            SecurityMetrics.EventsDropped.Add(1);
        }
    }


    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(string Chain, AuditEntry Entry)>(MaxBatch);
        try
        {
            while (await _events.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _events.Reader.TryRead(out (string, AuditEntry) next))
                {
                    batch.Add(next);
                }

                await AppendAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is appended once more below, while the cluster is still reachable.
        }

        batch.Clear();
        while (_events.Reader.TryRead(out (string, AuditEntry) left))
        {
            batch.Add(left);
        }

        await AppendAsync(batch);
    }

    private async Task AppendAsync(List<(string Chain, AuditEntry Entry)> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(batch.GroupBy(item => item.Chain).Select(chain =>
                grains.GetGrain<IAuditTrailGrain>(chain.Key).AppendManyAsync([.. chain.Select(item => item.Entry)])));
        }
        catch (Exception failure)
        {
            SecurityMetrics.EventsDropped.Add(batch.Count);
            LogAppendFailed(failure, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} security event(s) could not be recorded")]
    private partial void LogAppendFailed(Exception exception, int count);
}
