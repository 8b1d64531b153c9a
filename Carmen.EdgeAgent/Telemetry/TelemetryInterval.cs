using System.Globalization;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.State;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Telemetry;

/// <summary>
/// How often the agent samples: the configured interval until Carmen sets the shared attribute
/// <c>telemetryIntervalSeconds</c>. A remote value is kept in the state directory, so it holds across restarts
/// even before the agent reconnects.
/// </summary>
public sealed class TelemetryInterval
{
    public const string AttributeName = "telemetryIntervalSeconds";
    public const int MaxSeconds = 86_400;

    private readonly TimeSpan _configured;
    private readonly string _file;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TelemetryInterval(IOptions<AgentOptions> options)
    {
        _configured = TimeSpan.FromSeconds(options.Value.TelemetryIntervalSeconds);
        _file = Path.Combine(options.Value.StateDirectory, "telemetry-interval");
        Current = File.Exists(_file) && int.TryParse(File.ReadAllText(_file), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && Valid(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : _configured;
    }

    public TimeSpan Current { get; private set; }

    /// <summary>Completes at the next change.</summary>
    public Task Changed => _changed.Task;

    public static bool Valid(int seconds) => seconds is >= 1 and <= MaxSeconds;

    /// <summary>Applies Carmen's value; null (the attribute was deleted) goes back to the configured interval.</summary>
    public void Set(int? seconds)
    {
        TimeSpan next = seconds is int value ? TimeSpan.FromSeconds(value) : _configured;
        if (seconds is null)
        {
            File.Delete(_file);
        }
        else
        {
            AtomicFile.Replace(_file, System.Text.Encoding.ASCII.GetBytes(seconds.Value.ToString(CultureInfo.InvariantCulture)));
        }

        if (next != Current)
        {
            Current = next;
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
