using Carmen.EdgeAgent.Buffering;
using Carmen.EdgeAgent.Configuration;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Telemetry;

/// <summary>
/// Where every telemetry record goes first: the on-disk queue. The forwarder drains it whenever connected, so live
/// and buffered telemetry take one path and reach Carmen in the order they were taken.
/// </summary>
public sealed class TelemetryOutbox : IDisposable
{
    private readonly DiskBuffer _queue;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TelemetryOutbox(IOptions<AgentOptions> options)
    {
        _queue = new DiskBuffer(options.Value.QueueDirectory, options.Value.QueueLimitBytes);
    }

    public DiskBuffer Queue => _queue;

    /// <summary>Completes at the next append.</summary>
    public Task Appended => _appended.Task;

    public void Add(IReadOnlyList<byte[]> records)
    {
        _queue.Append(records);
        Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void Dispose() => _queue.Dispose();
}
